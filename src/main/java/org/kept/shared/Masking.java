package org.kept.shared;

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

    private static final java.util.regex.Pattern MOBILE =
            java.util.regex.Pattern.compile("(?<!\\d)(?:\\+?86[- ]?)?(1[3-9]\\d)[- ]?\\d{4}[- ]?(\\d{4})(?!\\d)");
    /** 010-12345678, 0571 8765 4321: area code kept, the subscriber number hidden but its last two digits. */
    private static final java.util.regex.Pattern LANDLINE =
            java.util.regex.Pattern.compile("(?<![\\d+])(0\\d{2,3})[- ]?(?:\\d[- ]?){5,6}(\\d{2})(?!\\d)");
    /** +852 9123 4567 and other numbers written with a country code. */
    private static final java.util.regex.Pattern INTERNATIONAL =
            java.util.regex.Pattern.compile("\\+(\\d{1,3})[- ]?(?:\\d[- ]?){3,10}(\\d{4})(?!\\d)");
    private static final java.util.regex.Pattern EMAIL =
            java.util.regex.Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

    /** Masks mobile numbers and emails inside free text (descriptions, notes), leaving order numbers alone. */
    public static String inText(String text) {
        if (text == null) {
            return null;
        }
        String masked = MOBILE.matcher(text).replaceAll("$1****$2");
        masked = LANDLINE.matcher(masked).replaceAll("$1-****$2");
        masked = INTERNATIONAL.matcher(masked).replaceAll("+$1 ****$2");
        return EMAIL.matcher(masked).replaceAll("$1***$2");
    }
}
