package org.kept.authority.internal;

/** A rung of the approval ladder: approvers of this role (of the requester's own team when {@code sameTeam}). */
public record Level(int position, String role, boolean sameTeam, String nameZh, String nameEn) {

    public String name(java.util.Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
