package org.kept.disclosure.internal;

/** One row of a request type's checklist; {@code deferrable} items may follow an emergency's release as paperwork. */
public record ChecklistItem(String requestType, String code, String labelZh, String labelEn, String documentKind,
                            boolean deferrable, int position, boolean active) {

    public String label(java.util.Locale locale) {
        return "zh".equals(locale.getLanguage()) ? labelZh : labelEn;
    }
}
