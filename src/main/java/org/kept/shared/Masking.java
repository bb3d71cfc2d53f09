package org.kept.shared;

/**
 * Masks personal data for viewers without the right to see it: {@code 138****8000}, {@code z***@example.com}.
 * Masking happens at the edge (API mapping, page model), from the viewer's permissions.
 */
public final class Masking {

    private Masking() {
    }

    /** Masks an E.164 phone number, keeping the country prefix out and the first three and last four digits in. */
    public static String phone(String e164) {
        if (e164 == null || e164.isBlank()) {
            return e164;
        }
        String digits = e164.startsWith("+86") ? e164.substring(3) : e164.replaceFirst("^\\+\\d{1,3}(?=\\d{7,})", "");
        if (digits.length() < 7) {
            return "****";
        }
        return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
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

    private static final java.util.regex.Pattern MOBILE =
            java.util.regex.Pattern.compile("(?<!\\d)(?:\\+?86[- ]?)?(1[3-9]\\d)[- ]?\\d{4}[- ]?(\\d{4})(?!\\d)");
    private static final java.util.regex.Pattern EMAIL =
            java.util.regex.Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

    /** Masks mobile numbers and emails inside free text (descriptions, notes), leaving order numbers alone. */
    public static String inText(String text) {
        if (text == null) {
            return null;
        }
        return EMAIL.matcher(MOBILE.matcher(text).replaceAll("$1****$2")).replaceAll("$1***$2");
    }
}
