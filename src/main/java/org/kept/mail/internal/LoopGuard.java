package org.kept.mail.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kind of mail this is for the loop rules (RFC 3834 and what help desks learnt): our own mail come back, a bounce,
 * an out-of-office, other automatic mail (never answered automatically), or a person's mail.
 */
final class LoopGuard {

    enum Kind { MAIL, AUTO, OUT_OF_OFFICE, BOUNCE, LOOP }

    private static final Pattern OOO_SUBJECT = Pattern.compile(
            "^(?:automatic reply|auto(?:matic)?[- ]?reply|out of (?:the )?office|自动回复|自動回覆|休假|不在办公室)",
            Pattern.CASE_INSENSITIVE);

    private LoopGuard() {
    }

    static Kind kind(ParsedMail m, MailSettings settings) {
        if (m.bounce() != null) {
            return Kind.BOUNCE;
        }
        if (settings.ours(m.messageId())) {
            return Kind.LOOP;
        }
        ParsedMail.Headers h = m.headers();
        boolean autoReplied = h.autoSubmitted() != null && h.autoSubmitted().startsWith("auto-replied");
        if (h.exchangeOutOfOffice() || (autoReplied && OOO_SUBJECT.matcher(m.subject()).find())
                || OOO_SUBJECT.matcher(m.subject()).find() || (h.autoSubmitted() != null && h.autoSubmitted().contains("vacation"))) {
            return Kind.OUT_OF_OFFICE;
        }
        return noAutoReply(h) ? Kind.AUTO : Kind.MAIL;
    }

    /** The headers after which no automatic mail may answer. */
    static boolean noAutoReply(ParsedMail.Headers h) {
        if (h.autoSubmitted() != null && !h.autoSubmitted().equals("no")) {
            return true;
        }
        if (h.precedence() != null && h.precedence().matches(".*\\b(bulk|list|junk)\\b.*")) {
            return true;
        }
        if (h.xLoop() != null || h.listHeaders()) {
            return true;
        }
        if (h.autoResponseSuppress() != null) {
            String s = h.autoResponseSuppress().toLowerCase(Locale.ROOT);
            if (s.contains("all") || s.contains("autoreply") || s.contains("oof")) {
                return true;
            }
        }
        return h.returnPathPresent() && (h.returnPath() == null || h.returnPath().replaceAll("[<>\\s]", "").isEmpty());
    }
}
