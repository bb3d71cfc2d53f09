package org.kept.workforce.web;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * The solver's score ("0hard/-127medium/-630soft") said in words a planner can act on: hard = broken working-time
 * rules (a roster with any may not be published), medium = required half-hours of agent time left unstaffed,
 * soft = penalty points for fairness and wishes. The raw score stays available beside it for support.
 */
final class ScoreInWords {

    private ScoreInWords() {
    }

    /** Three sentences, or none when the score is missing or not a solver score (a failed run). */
    static List<String> of(String raw, MessageSource messages, Locale locale) {
        HardMediumSoftScore score = parse(raw);
        if (score == null) {
            return List.of();
        }
        long hard = -score.hardScore();
        long medium = -score.mediumScore();
        long soft = -score.softScore();
        return List.of(
                hard == 0 ? messages.getMessage("workforce.score.hard.none", null, locale)
                        : messages.getMessage("workforce.score.hard", new Object[] {String.valueOf(hard)}, locale),
                medium == 0 ? messages.getMessage("workforce.score.medium.none", null, locale)
                        : messages.getMessage("workforce.score.medium",
                                new Object[] {String.valueOf(medium), hours(medium)}, locale),
                soft == 0 ? messages.getMessage("workforce.score.soft.none", null, locale)
                        : messages.getMessage("workforce.score.soft", new Object[] {String.valueOf(soft)}, locale));
    }

    /** One short line for the roster list ("Lawful · 127 half-hours unstaffed · 630 fairness points"), or "" without a score. */
    static String brief(String raw, MessageSource messages, Locale locale) {
        HardMediumSoftScore score = parse(raw);
        if (score == null) {
            return "";
        }
        long hard = -score.hardScore();
        return String.join(" · ",
                hard == 0 ? messages.getMessage("workforce.score.brief.lawful", null, locale)
                        : messages.getMessage("workforce.score.brief.unlawful", new Object[] {String.valueOf(hard)}, locale),
                messages.getMessage("workforce.score.brief.open", new Object[] {String.valueOf(-score.mediumScore())}, locale),
                messages.getMessage("workforce.score.brief.fair", new Object[] {String.valueOf(-score.softScore())}, locale));
    }

    private static HardMediumSoftScore parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return HardMediumSoftScore.parseScore(raw);
        } catch (RuntimeException notAScore) {
            return null;
        }
    }

    /** Half-hours as hours, "63.5". */
    private static String hours(long halfHours) {
        return halfHours % 2 == 0 ? String.valueOf(halfHours / 2) : (halfHours / 2) + ".5";
    }
}
