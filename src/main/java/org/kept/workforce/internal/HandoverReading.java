package org.kept.workforce.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.kept.shared.Masking;

/**
 * A handover sheet as one reader may see it. The sheet's texts (ticket subjects, promises, notices, notes) are for
 * the people who hand over and take over and their team (with ticket rights), masked unless the reader sees personal
 * data, as on the ticket pages. Planners oversee every sheet through its metadata only (who, when, state, how many
 * items of each kind went where): they staff shifts, they do not work the tickets, so no ticket text reaches them.
 */
public final class HandoverReading {

    private HandoverReading() {
    }

    /** Whether the reader sees the sheet's texts: either side of the handover, or a teammate who works tickets. */
    public static boolean readsTexts(HandoverStore.Sheet sheet, CurrentUser reader) {
        return sheet.outgoingId() == reader.id() || (sheet.incomingId() != null && sheet.incomingId() == reader.id())
                || (sheet.teamId() != null && sheet.teamId().equals(reader.teamId()) && reader.can(Permission.TICKET_READ));
    }

    /** The sheet with its notes masked for the reader, or without them when the reader sees only metadata. */
    public static HandoverStore.Sheet sheet(HandoverStore.Sheet s, CurrentUser reader) {
        boolean texts = readsTexts(s, reader);
        return new HandoverStore.Sheet(s.id(), s.teamId(), s.outgoingId(), s.incomingId(), s.shiftEndsAt(), s.state(),
                text(s.outgoingNotes(), texts, reader), text(s.incomingNotes(), texts, reader), s.outgoingSignedAt(),
                s.incomingSignedAt(), s.createdAt(), s.version());
    }

    /** The items with labels masked for the reader; for a metadata reader without labels and without the ticket ids. */
    public static List<HandoverStore.Item> items(HandoverStore.Sheet sheet, List<HandoverStore.Item> items, CurrentUser reader) {
        boolean texts = readsTexts(sheet, reader);
        return items.stream().map(i -> new HandoverStore.Item(i.id(), i.kind(), texts ? i.refId() : null,
                text(i.label(), texts, reader), i.dueAt(), i.newOwnerId(), i.outcome())).toList();
    }

    /** How many items of each kind, and of each outcome: what a planner needs of a sheet. */
    public static Map<String, Long> counts(List<HandoverStore.Item> items) {
        Map<String, Long> counts = new TreeMap<>();
        items.forEach(i -> {
            counts.merge(i.kind(), 1L, Long::sum);
            if (i.outcome() != null) {
                counts.merge(i.kind() + "." + i.outcome(), 1L, Long::sum);
            }
        });
        return counts;
    }

    /** Whether the reader finds {@code words} in what they may read of the sheet (masked texts, never hidden digits). */
    static boolean mentions(HandoverStore.Sheet sheet, List<String> labels, String words, CurrentUser reader) {
        if (!readsTexts(sheet, reader)) {
            return false;
        }
        String needle = words.strip().toLowerCase(Locale.ROOT);
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(sheet.outgoingNotes(), sheet.incomingNotes()),
                        labels.stream())
                .map(t -> text(t, true, reader))
                .anyMatch(t -> t != null && t.toLowerCase(Locale.ROOT).contains(needle));
    }

    private static String text(String text, boolean readable, CurrentUser reader) {
        if (!readable) {
            return null;
        }
        return reader.seesPersonalData() ? text : Masking.inText(text);
    }
}
