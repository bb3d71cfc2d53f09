package org.kept.survey.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.ReportScope;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.kept.survey.internal.Signal;
import org.kept.survey.internal.SurveyResults;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.Tickets;
import org.springframework.stereotype.Component;

/**
 * The survey results for a reader: the period in the centre's days, the reader's report scope (a lead sees their own
 * team), and names instead of ids. Shared by the page and the API so both show the same figures.
 */
@Component
class NamedResults {

    private final SurveyResults results;
    private final Directory directory;
    private final Tickets tickets;
    private final CentreZone centre;
    private final Clock clock;

    NamedResults(SurveyResults results, Directory directory, Tickets tickets, CentreZone centre, Clock clock) {
        this.results = results;
        this.directory = directory;
        this.tickets = tickets;
        this.centre = centre;
        this.clock = clock;
    }

    /** One group's figures; rates 0..1 rounded to four places. */
    record Line(Long id, String name, long sent, long answered, long veryHappy, long happy, long unhappy,
                long notSolved, double csat, double notSolvedRate, double answerRate, Map<Signal, Long> signals) {

        public double csatPercent() {
            return Math.round(csat * 1000) / 10.0;
        }

        public double notSolvedPercent() {
            return Math.round(notSolvedRate * 1000) / 10.0;
        }

        public double answerPercent() {
            return Math.round(answerRate * 1000) / 10.0;
        }
    }

    record Flagged(long surveyId, String ticket, long ticketId, String team, String agent, List<Signal> signals) {
    }

    record Named(LocalDate from, LocalDate to, String timeZone, Long team, Line total, List<Line> teams,
                 List<Line> agents, List<Line> categories, List<Flagged> flagged) {
    }

    Named read(CurrentUser reader, LocalDate from, LocalDate to, Long team, Locale locale) {
        ReportScope scope = ReportScope.of(reader, team);
        ZoneId zone = centre.zone();
        LocalDate last = to != null ? to : LocalDate.now(clock.withZone(zone));
        LocalDate first = from != null ? from : last.minusDays(29);
        if (first.isAfter(last)) {
            throw KeptException.invalid("survey.report.period");
        }
        SurveyResults.Report r = results.of(first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant(),
                scope::shows);
        boolean zh = locale != null && "zh".equals(locale.getLanguage());
        Map<String, String> categories = tickets.categories().stream()
                .collect(Collectors.toMap(Tickets.Category::code, c -> zh ? c.nameZh() : c.nameEn(), (a, b) -> a));
        Map<Long, TicketSummary> summaries = tickets.summaries(r.flagged().stream().map(SurveyResults.Flagged::ticketId).toList());
        return new Named(first, last, zone.getId(), scope.teamId(), line(r.total(), null),
                lines(r.teams(), l -> l.key() == null ? null : team(l.key())),
                lines(r.agents(), l -> l.key() == null ? null : agent(l.key())),
                lines(r.categories(), l -> l.code() == null ? null : categories.getOrDefault(l.code(), l.code())),
                r.flagged().stream().map(f -> new Flagged(f.surveyId(),
                        summaries.containsKey(f.ticketId()) ? summaries.get(f.ticketId()).number() : "#" + f.ticketId(),
                        f.ticketId(), f.teamId() == null ? null : team(f.teamId()),
                        f.agentId() == null ? null : agent(f.agentId()), f.signals())).toList());
    }

    private static List<Line> lines(Collection<SurveyResults.Line> lines,
                                    java.util.function.Function<SurveyResults.Line, String> name) {
        return lines.stream().map(l -> line(l, name.apply(l))).toList();
    }

    private static Line line(SurveyResults.Line l, String name) {
        return new Line(l.key(), name, l.sent(), l.answered(), l.veryHappy(), l.happy(), l.unhappy(), l.notSolved(),
                round(l.csat()), round(l.notSolvedRate()), round(l.answerRate()), l.signals());
    }

    private static double round(double rate) {
        return Math.round(rate * 10000) / 10000.0;
    }

    private String team(long id) {
        return directory.team(id).map(t -> t.name()).orElse("#" + id);
    }

    private String agent(long id) {
        return directory.user(id).map(u -> u.displayName() + (u.agentNo() == null ? "" : " (" + u.agentNo() + ")"))
                .orElse("#" + id);
    }
}
