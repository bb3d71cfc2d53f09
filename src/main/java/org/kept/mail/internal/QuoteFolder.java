package org.kept.mail.internal;

import java.util.regex.Pattern;

/**
 * Splits what the customer wrote now from the history their mail program quoted below it, so the timeline shows the
 * new words and the agent unfolds the rest when needed.
 */
final class QuoteFolder {

    /** Lines that start quoted history: "On … wrote:", Outlook's separator and header block, Chinese clients' forms. */
    private static final Pattern START = Pattern.compile(
            "(?m)^(?:>.*|On .{0,200}wrote:\\s*|-{2,}\\s*Original Message\\s*-{2,}.*|-{2,}\\s*原始邮件\\s*-{2,}.*"
                    + "|在.{0,200}写道[:：]\\s*|From:\\s.*\\R(?:Sent|Date):\\s.*|发件人[:：].*\\R(?:发送时间|时间)[:：].*"
                    + "|_{10,}\\s*)$");

    record Folded(String text, String quoted) {
    }

    private QuoteFolder() {
    }

    static Folded fold(String text) {
        if (text == null) {
            return new Folded("", null);
        }
        String t = text.replace("\r\n", "\n");
        var m = START.matcher(t);
        if (m.find() && !t.substring(0, m.start()).isBlank()) {
            return new Folded(t.substring(0, m.start()).strip(), t.substring(m.start()).strip());
        }
        return new Folded(t.strip(), null);
    }
}
