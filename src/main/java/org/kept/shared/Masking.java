package org.kept.shared;

import java.util.regex.Pattern;

/**
 * Masks personal data for viewers without the right to see it: {@code 138****8000}, {@code z***@example.com}.
 * Masking happens at the edge (API mapping, page model), from the viewer's permissions.
 */
public final class Masking {

    private Masking() {
    }

    /**
     * Masks an E.164 phone number. A Chinese mobile keeps its first three and last four digits ({@code 138****8000}),
     * the form agents know; any other number keeps its country code and only its last four digits.
     */
    public static String phone(String e164) {
        if (e164 == null || e164.isBlank()) {
            return e164;
        }
        // parsing with libphonenumber was a few percent of the CPU of each ticket response; the result only depends
        // on the number, so remember it (bounded: emptied when full, a pure function needs no smarter eviction)
        String masked = MASKED_PHONES.get(e164);
        if (masked == null) {
            masked = maskPhone(e164);
            if (MASKED_PHONES.size() >= MASKED_PHONES_MAX) {
                MASKED_PHONES.clear();
            }
            MASKED_PHONES.put(e164, masked);
        }
        return masked;
    }

    private static final int MASKED_PHONES_MAX = 10_000;
    private static final java.util.Map<String, String> MASKED_PHONES = new java.util.concurrent.ConcurrentHashMap<>();

    private static String maskPhone(String e164) {
        int country;
        String national;
        try {
            var number = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().parse(e164, "CN");
            country = number.getCountryCode();
            national = Long.toString(number.getNationalNumber());
        } catch (com.google.i18n.phonenumbers.NumberParseException e) {
            return "****";
        }
        if (national.length() < 8) {
            return "****";
        }
        if (country == 86 && national.length() == 11) {
            return national.substring(0, 3) + "****" + national.substring(7);
        }
        return "+" + country + " ****" + national.substring(national.length() - 4);
    }

    public static String email(String email) {
        if (email == null || email.isBlank()) {
            return email;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /**
     * Bumped whenever {@link #inText} masks more than before: stored masked copies made with an older version (the
     * ticket search's masked subjects) are made again.
     */
    public static final int VERSION = 2;

    /** Between the digits of a number: a space, dash or dot, or a dash or dot with spaces around it. */
    private static final String SEP = "(?: ?[-.] ?| )?";
    /**
     * A Chinese mobile: 1[3-9] and nine more digits, grouped any way, after a country prefix in any common form
     * (+86, 0086, 86, +86-, (+86)). Matched on the half-width copy of the text, so full-width digits count too.
     */
    private static final Pattern MOBILE = Pattern.compile(
            "(?<![\\d+])(?:\\(?(?:\\+ ?|00)?86\\)?" + SEP + ")?1" + SEP + "[3-9](?:" + SEP + "\\d){9}(?!\\d)");
    /** +852 9123 4567, 0044 7911 123456 and other numbers written with a country code: the last four digits stay. */
    private static final Pattern INTERNATIONAL = Pattern.compile(
            "(?<![\\d+])(?:\\+ ?|00)(\\d{1,3})\\)?" + SEP + "(?:\\d" + SEP + "){3,10}(\\d{4})(?!\\d)");
    /** 010-12345678, 0571 8888 6666, (0571)8888-6666: the area code kept, the subscriber number but its last two digits hidden. */
    private static final Pattern LANDLINE = Pattern.compile(
            "(?<![\\d+])\\(?(0\\d{2,3})\\)?" + SEP + "(?:\\d" + SEP + "){5,6}(\\d{2})(?!\\d)");
    private static final Pattern EMAIL =
            Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

    /**
     * Masks phone numbers (mobiles, landlines, international) and emails inside free text (descriptions, notes,
     * subjects), leaving order and ticket numbers alone. Full-width digits and signs (１３８, ＋８６, ＠) are read as
     * their ASCII forms; the text around a masked value keeps its own characters.
     */
    public static String inText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String plain = halfWidth(text);
        boolean number = mayHoldNumber(plain);
        boolean email = plain.indexOf('@') >= 0;
        if (!number && !email) {
            // most texts: the four patterns would be tried at every position for nothing (8 % of a create's CPU)
            return text;
        }
        Masked m = new Masked(text, plain);
        if (!number) {
            return m.replace(EMAIL, r -> r.group(1) + "***" + r.group(2)).original();
        }
        m = m.replace(MOBILE, r -> {
            String digits = r.group().replaceAll("\\D", "");
            digits = digits.substring(digits.length() - 11);
            return digits.substring(0, 3) + "****" + digits.substring(7);
        });
        m = m.replace(INTERNATIONAL, r -> "+" + r.group(1) + " ****" + r.group(2));
        m = m.replace(LANDLINE, r -> r.group(1) + "-****" + r.group(2));
        m = m.replace(EMAIL, r -> r.group(1) + "***" + r.group(2));
        return m.original();
    }

    /**
     * Whether the (half-width) text has a stretch of digits, separators and signs with at least eight digits: the
     * fewest any of the phone patterns match (an international number), and a match consists of nothing else.
     */
    static boolean mayHoldNumber(String plain) {
        int digits = 0;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits >= MIN_DIGITS) {
                    return true;
                }
            } else if (c != ' ' && c != '-' && c != '.' && c != '+' && c != '(' && c != ')') {
                digits = 0;
            }
        }
        return false;
    }

    private static final int MIN_DIGITS = 8;

    /**
     * Cuts a text to at most {@code max} characters (an ellipsis marks the cut) without leaving a piece of a phone
     * number or email at its end: a cut number no longer looks like one and would pass {@link #inText} unmasked,
     * so the trailing digits (and a trailing half address) go with the cut.
     */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        String head = text.substring(0, Math.max(0, max - 1));
        java.util.regex.Matcher tail = CUT_TAIL.matcher(halfWidth(head));
        if (tail.find()) {
            head = head.substring(0, tail.start());
        }
        return head + "…";
    }

    /** What a cut leaves of a number or an address: digits with their separators, or a local part and half a domain. */
    private static final Pattern CUT_TAIL =
            Pattern.compile("(?:[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]*|[+(]*\\d[\\d()+. -]*)$");

    /** The text with full-width digits, signs and spaces as their ASCII forms, character for character. */
    static String halfWidth(String text) {
        char[] out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char plain = c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0)
                    : c == '\u3000' || c == '\u00A0' ? ' '
                    : c >= '\u2010' && c <= '\u2015' ? '-' : c;
            if (plain != c) {
                if (out == null) {
                    out = text.toCharArray();
                }
                out[i] = plain;
            }
        }
        return out == null ? text : new String(out);
    }

    /** A text and its half-width copy, kept the same length so a match in the copy is replaced in both. */
    private record Masked(String original, String plain) {

        Masked replace(Pattern pattern, java.util.function.Function<java.util.regex.MatchResult, String> mask) {
            java.util.regex.Matcher m = pattern.matcher(plain);
            if (!m.find()) {
                return this;
            }
            StringBuilder o = new StringBuilder(original.length());
            StringBuilder p = new StringBuilder(plain.length());
            int at = 0;
            do {
                String masked = mask.apply(m.toMatchResult());
                o.append(original, at, m.start()).append(masked);
                p.append(plain, at, m.start()).append(masked);
                at = m.end();
            } while (m.find());
            o.append(original, at, original.length());
            p.append(plain, at, plain.length());
            return new Masked(o.toString(), p.toString());
        }
    }
}
