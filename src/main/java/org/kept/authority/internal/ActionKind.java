package org.kept.authority.internal;

/** A kind of action a limit names (compensation, refund, fee waiver, coupon, goodwill gift): a row, not a switch. */
public record ActionKind(String code, String nameZh, String nameEn, int position, boolean active) {

    public String name(java.util.Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
