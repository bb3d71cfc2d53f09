package org.kept.authority.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.ReportScope;
import org.kept.identity.TeamView;
import org.kept.identity.UserView;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.kept.shared.Money;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

/** Amounts granted in a period per agent, team, action and reason (a team lead sees their own team only). */
@Service
public class AuthorityReport {

    private final GrantStore store;
    private final LimitDesk limits;
    private final Directory directory;
    private final CentreZone zone;
    private final Clock clock;

    AuthorityReport(GrantStore store, LimitDesk limits, Directory directory, CentreZone zone, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.directory = directory;
        this.zone = zone;
        this.clock = clock;
    }

    /** One line: whom or what it counts, its currency, how many grants, how much (minor units and as shown). */
    public record Row(String key, String label, String currency, long count, long amountMinor, String amount) {
    }

    public record Report(LocalDate from, LocalDate to, Long team, List<Row> agents, List<Row> teams, List<Row> actions,
                         List<Row> reasons) {
    }

    /** Days in the centre's zone, {@code to} inclusive; the last 30 days when not given. */
    public Report report(String from, String to, ReportScope scope, CurrentUser reader) {
        ZoneId z = zone.zone();
        LocalDate last;
        LocalDate first;
        try {
            last = to == null || to.isBlank() ? LocalDate.now(clock.withZone(z)) : LocalDate.parse(to);
            first = from == null || from.isBlank() ? last.minusDays(29) : LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            throw KeptException.invalid("authority.report.dates");
        }
        if (first.isAfter(last) || first.plusDays(400).isBefore(last)) {
            throw KeptException.invalid("authority.report.dates");
        }
        var start = first.atStartOfDay(z).toInstant();
        var end = last.plusDays(1).atStartOfDay(z).toInstant();
        Locale locale = LocaleContextHolder.getLocale();
        List<ActionKind> actions = limits.actions();
        return new Report(first, last, scope.teamId(),
                rows(store.sums("agent", start, end, scope.teamId()), k -> directory.user(Long.parseLong(k))
                        .map(UserView::displayName).orElse("#" + k)),
                rows(store.sums("team", start, end, scope.teamId()), k -> k.isEmpty() ? "—"
                        : directory.team(Long.parseLong(k)).map(TeamView::name).orElse("#" + k)),
                rows(store.sums("action", start, end, scope.teamId()), k -> actions.stream().filter(a -> a.code().equals(k))
                        .findFirst().map(a -> a.name(locale)).orElse(k)),
                // a reason is what someone typed: its key is its text, so both are masked for the reader
                rows(store.sums("reason", start, end, scope.teamId()),
                        k -> reader.seesPersonalData() ? k : Masking.inText(k)).stream()
                        .map(r -> new Row(r.label(), r.label(), r.currency(), r.count(), r.amountMinor(), r.amount())).toList());
    }

    private static List<Row> rows(List<GrantStore.Sum> sums, java.util.function.Function<String, String> label) {
        return sums.stream().map(s -> new Row(s.key(), label.apply(s.key()), s.currency(), s.count(), s.amount(),
                Money.of(s.amount(), s.currency()).decimal())).toList();
    }
}
