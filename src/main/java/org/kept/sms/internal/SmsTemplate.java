package org.kept.sms.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kept.shared.KeptException;

/** A centre's approved text (模板) with its provider's id; {@code ${name}} marks a parameter. */
record SmsTemplate(String code, String providerTemplateId, String body) {

    private static final Pattern PARAM = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    /** The text the customer reads; a parameter the caller did not give is refused, never sent as "${…}". */
    String render(Map<String, String> params) {
        Matcher m = PARAM.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = params.get(m.group(1));
            if (value == null) {
                throw KeptException.invalid("error.sms.param", m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Parameter names in the order they appear (Tencent's TemplateParamSet is a list in this order). */
    List<String> paramNames() {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(body);
        while (m.find()) {
            if (!names.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
