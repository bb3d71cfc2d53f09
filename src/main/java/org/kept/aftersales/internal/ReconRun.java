package org.kept.aftersales.internal;

import java.time.Instant;
import java.time.LocalDate;

/** One bill reconciled: how many rows matched and how many of each exception. */
public record ReconRun(long id, String provider, LocalDate billDate, String fileName, long billRows, long matched,
                       long providerOnly, long keptOnly, long mismatched, long duplicates, Instant startedAt,
                       Instant finishedAt) {
}
