package org.kept.knowledge;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kept.identity.CurrentUser;

/** Reply templates (话术) with variables filled from the ticket at hand. */
public interface Scripts {

    /** The variables a template may use. */
    List<String> VARIABLES = List.of("customerName", "ticketNumber", "deadline", "agentId");

    /** Scripts for a channel (PHONE or WRITTEN; ANY ones always), in their order; null gives all. */
    List<Script> forChannel(String channel);

    Script get(long id);

    /** Adds (id null) or changes a script; the audit log records who did it. */
    Script save(Long id, String code, String name, String channel, String body, int sortOrder, CurrentUser by);

    /** Fills {name} placeholders; an unknown or missing variable stays as written so the agent sees the gap. */
    static String fill(String template, Map<String, String> values) {
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null || v.isBlank() ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
