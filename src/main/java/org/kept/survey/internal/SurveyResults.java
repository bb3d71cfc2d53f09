package org.kept.survey.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * CSAT and the "not solved" rate per team, agent and category, answered against sent per agent, and the integrity
 * signals, for surveys of tickets resolved in a period. Only final answers count; an open survey is "sent" and nothing
 * more, so nobody learns an answer before the customer has given it.
 */
@Component
public class SurveyResults {

    private final SurveyStore store;

    SurveyResults(SurveyStore store) {
        this.store = store;
    }

    /**
     * One group's figures. CSAT = answers 1 or 2 / answers; notSolved = answers 4 / answers; answerRate = answers / sent
     * (an agent whose surveys are answered far more often than the team's is worth a look).
     */
    public record Line(Long key, String code, long sent, long answered, long veryHappy, long happy, long unhappy,
                       long notSolved, Map<Signal, Long> signals) {

        public double csat() {
            return answered == 0 ? 0 : (veryHappy + happy) / (double) answered;
        }

        public double notSolvedRate() {
            return answered == 0 ? 0 : notSolved / (double) answered;
        }

        public double answerRate() {
            return sent == 0 ? 0 : answered / (double) sent;
        }
    }

    /** A survey with signals, for the leads' list. */
    public record Flagged(long surveyId, long ticketId, Long teamId, Long agentId, List<Signal> signals) {
    }

    public record Report(Line total, List<Line> teams, List<Line> agents, List<Line> categories, List<Flagged> flagged) {
    }

    /** The figures for tickets resolved from {@code from} up to {@code to} (excluded), limited to the teams {@code shows} accepts. */
    public Report of(Instant from, Instant to, Predicate<Long> shows) {
        List<SurveyStore.Outcome> outcomes = store.outcomes(from, to).stream().filter(o -> shows.test(o.teamId())).toList();
        List<Flagged> flagged = outcomes.stream().filter(o -> !o.signals().isEmpty())
                .map(o -> new Flagged(o.surveyId(), o.ticketId(), o.teamId(), o.agentId(), o.signals()))
                .sorted(Comparator.comparingLong(Flagged::surveyId).reversed()).limit(200).toList();
        return new Report(line(null, null, outcomes), group(outcomes, SurveyStore.Outcome::teamId, null),
                group(outcomes, SurveyStore.Outcome::agentId, null), group(outcomes, o -> null, SurveyStore.Outcome::category),
                flagged);
    }

    private static List<Line> group(List<SurveyStore.Outcome> outcomes, Function<SurveyStore.Outcome, Long> key,
                                    Function<SurveyStore.Outcome, String> code) {
        Map<String, List<SurveyStore.Outcome>> groups = new LinkedHashMap<>();
        for (SurveyStore.Outcome o : outcomes) {
            Object k = code != null ? code.apply(o) : key.apply(o);
            groups.computeIfAbsent(String.valueOf(k), x -> new ArrayList<>()).add(o);
        }
        List<Line> lines = new ArrayList<>();
        groups.values().forEach(g -> lines.add(line(code == null ? key.apply(g.get(0)) : null,
                code == null ? null : code.apply(g.get(0)), g)));
        lines.sort(Comparator.comparingLong(Line::sent).reversed());
        return lines;
    }

    private static Line line(Long key, String code, List<SurveyStore.Outcome> group) {
        long answered = 0;
        long[] by = new long[5];
        Map<Signal, Long> signals = new EnumMap<>(Signal.class);
        for (SurveyStore.Outcome o : group) {
            if ("ANSWERED".equals(o.state()) && o.answer() != null) {
                answered++;
                by[o.answer()]++;
            }
            o.signals().forEach(s -> signals.merge(s, 1L, Long::sum));
        }
        return new Line(key, code, group.size(), answered, by[1], by[2], by[3], by[4], signals);
    }
}
