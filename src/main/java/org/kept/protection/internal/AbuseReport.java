package org.kept.protection.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.ReportScope;
import org.kept.identity.UserView;
import org.kept.protection.internal.Records.Flag;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.springframework.stereotype.Service;

/** Abuse by source (channel), time (hour of the day, day) and level, over the centre's days from..to. */
@Service
public class AbuseReport {

    private final ProtectionStore store;
    private final Directory directory;
    private final CentreZone zone;
    private final Clock clock;

    AbuseReport(ProtectionStore store, Directory directory, CentreZone zone, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.zone = zone;
        this.clock = clock;
    }

    /** The report: totals by channel, by level, by hour of the day (0–23) and by day, for the reader's scope. */
    public record Report(LocalDate from, LocalDate to, Long team, long total, Map<String, Long> byChannel,
                         Map<String, Long> byLevel, long[] byHour, Map<LocalDate, Long> byDay) {
    }

    public Report read(CurrentUser reader, LocalDate from, LocalDate to, Long team) {
        ZoneId z = zone.zone();
        LocalDate last = to != null ? to : clock.instant().atZone(z).toLocalDate();
        LocalDate first = from != null ? from : last.minusDays(29);
        if (first.isAfter(last) || first.plusDays(366).isBefore(last)) {
            throw KeptException.invalid("protection.report.period");
        }
        ReportScope scope = ReportScope.of(reader, team);
        Instant start = first.atStartOfDay(z).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(z).toInstant();
        List<Flag> flags = store.flagsBetween(start, end);
        Map<Long, Long> teams = new LinkedHashMap<>();
        Map<String, Long> byChannel = new TreeMap<>();
        Map<String, Long> byLevel = new LinkedHashMap<>();
        store.levels().forEach(l -> byLevel.put(l.code(), 0L));
        long[] byHour = new long[24];
        Map<LocalDate, Long> byDay = new TreeMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            byDay.put(d, 0L);
        }
        long total = 0;
        for (Flag f : flags) {
            Long agentTeam = teams.computeIfAbsent(f.agentId(),
                    a -> directory.user(a).map(UserView::teamId).orElse(-1L));
            if (!scope.shows(agentTeam == -1L ? null : agentTeam) || (scope.teamId() != null && agentTeam == -1L)) {
                continue;
            }
            total++;
            ZonedDateTime at = f.createdAt().atZone(z);
            byChannel.merge(f.channel(), 1L, Long::sum);
            byLevel.merge(f.level(), 1L, Long::sum);
            byHour[at.getHour()]++;
            byDay.merge(at.toLocalDate(), 1L, Long::sum);
        }
        return new Report(first, last, scope.teamId(), total, byChannel, byLevel, byHour, byDay);
    }
}
