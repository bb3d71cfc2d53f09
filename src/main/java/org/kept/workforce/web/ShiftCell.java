package org.kept.workforce.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kept.workforce.Skill;
import org.kept.workforce.internal.roster.ShiftType;
import org.springframework.context.MessageSource;

/**
 * One cell of the roster grid: a short code per shift type and skill, distinct within each (early and evening once
 * both read "E"; chat and complaints both "C"), and the same in words for a tooltip and screen readers. The legend
 * under the grid is built from the same messages, so it cannot drift from the cells.
 */
record ShiftCell(String code, String words) {

    static ShiftCell of(String shiftType, Skill skill, MessageSource messages, Locale locale) {
        ShiftType type = ShiftType.valueOf(shiftType);
        return new ShiftCell(shiftCode(type, messages, locale) + "·" + skillCode(skill, messages, locale),
                messages.getMessage("workforce.shift." + type.name(), null, locale) + " " + hours(type) + " · "
                        + messages.getMessage("workforce.skill." + skill.name(), null, locale));
    }

    /** Every code with what it stands for: shift types with their hours, then skills. */
    static List<ShiftCell> legend(MessageSource messages, Locale locale) {
        List<ShiftCell> entries = new ArrayList<>();
        for (ShiftType type : ShiftType.values()) {
            entries.add(new ShiftCell(shiftCode(type, messages, locale),
                    messages.getMessage("workforce.shift." + type.name(), null, locale) + " " + hours(type)));
        }
        for (Skill skill : Skill.values()) {
            entries.add(new ShiftCell(skillCode(skill, messages, locale),
                    messages.getMessage("workforce.skill." + skill.name(), null, locale)));
        }
        return entries;
    }

    private static String shiftCode(ShiftType type, MessageSource messages, Locale locale) {
        return messages.getMessage("workforce.shift.code." + type.name(), null, locale);
    }

    private static String skillCode(Skill skill, MessageSource messages, Locale locale) {
        return messages.getMessage("workforce.skill.code." + skill.name(), null, locale);
    }

    /** "07:00–15:30"; the night shift ends the next morning. */
    static String hours(ShiftType type) {
        int end = (type.startMinute + type.spanMinutes) % 1440;
        return hhmm(type.startMinute) + "–" + hhmm(end);
    }

    private static String hhmm(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }
}
