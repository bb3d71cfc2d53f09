package org.kept.disclosure.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.springframework.stereotype.Service;

/**
 * The half-yearly transparency report (透明度报告), in the manner of Google's and Microsoft's: requests received per
 * agency type, and how they ended: some data produced, none found, rejected, still open. Counts only, no names.
 */
@Service
public class TransparencyReport {

    private final DisclosureStore store;
    private final CentreZone zone;
    private final Clock clock;

    TransparencyReport(DisclosureStore store, CentreZone zone, Clock clock) {
        this.store = store;
        this.zone = zone;
        this.clock = clock;
    }

    /** One agency type's line; shares are percentages of its requests, one decimal. */
    public record Line(String agencyType, long received, long produced, long none, long rejected, long pending,
                       double producedShare, double noneShare, double rejectedShare) {
    }

    public record Report(String half, LocalDate from, LocalDate to, List<Line> lines, Line total) {
    }

    /** {@code half} is "2026-H2"; the current half-year in the centre's zone when blank. */
    public Report report(String half) {
        ZoneId z = zone.zone();
        LocalDate first;
        String name;
        if (half == null || half.isBlank()) {
            LocalDate today = LocalDate.now(clock.withZone(z));
            first = LocalDate.of(today.getYear(), today.getMonthValue() <= 6 ? 1 : 7, 1);
        } else if (half.matches("(19|20)\\d\\d-H[12]")) {
            first = LocalDate.of(Integer.parseInt(half.substring(0, 4)), half.endsWith("1") ? 1 : 7, 1);
        } else {
            throw KeptException.invalid("disclosure.report.halfInvalid");
        }
        name = first.getYear() + "-H" + (first.getMonthValue() == 1 ? 1 : 2);
        LocalDate next = first.plusMonths(6);
        Map<String, long[]> by = new LinkedHashMap<>();
        for (Codes.AgencyType t : Codes.AgencyType.values()) {
            by.put(t.name(), new long[4]);
        }
        for (DisclosureStore.Count c : store.counts(first.atStartOfDay(z).toInstant(), next.atStartOfDay(z).toInstant())) {
            long[] n = by.computeIfAbsent(c.agencyType(), k -> new long[4]);
            n[switch (c.outcome()) {
                case "PRODUCED" -> 0;
                case "NONE" -> 1;
                case "REJECTED" -> 2;
                default -> 3;
            }] += c.count();
        }
        List<Line> lines = new ArrayList<>();
        long[] all = new long[4];
        by.forEach((type, n) -> {
            lines.add(line(type, n));
            for (int i = 0; i < 4; i++) {
                all[i] += n[i];
            }
        });
        return new Report(name, first, next.minusDays(1), lines, line("ALL", all));
    }

    private static Line line(String type, long[] n) {
        long received = n[0] + n[1] + n[2] + n[3];
        return new Line(type, received, n[0], n[1], n[2], n[3], share(n[0], received), share(n[1], received),
                share(n[2], received));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 1000.0 / whole) / 10.0;
    }
}
