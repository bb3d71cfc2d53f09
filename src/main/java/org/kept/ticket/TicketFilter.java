package org.kept.ticket;

import java.util.Set;

/**
 * Which tickets a queue shows. Null means "any". {@code unassigned} selects tickets nobody holds.
 * {@code sort}: {@code priority} (most urgent, then oldest), {@code created}, {@code -created}, {@code -updated}.
 * {@code personalData}: whether {@code text} may match phones and emails in the subject; a viewer without
 * personal-data rights matches only the masked subject, so searching cannot confirm what the page hides.
 */
public record TicketFilter(Set<TicketState> states, Long teamId, Long assigneeId, boolean unassigned, TicketType type,
                           Priority priority, Long customerId, String text, String sort, boolean personalData) {

    /** A filter whose text matches only what a viewer without personal-data rights sees. */
    public TicketFilter(Set<TicketState> states, Long teamId, Long assigneeId, boolean unassigned, TicketType type,
                        Priority priority, Long customerId, String text, String sort) {
        this(states, teamId, assigneeId, unassigned, type, priority, customerId, text, sort, false);
    }

    public TicketFilter {
        // "?state=NEW," arrives as NEW and an empty value (null): an empty value filters nothing
        states = states == null ? Set.of()
                : states.stream().filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toUnmodifiableSet());
        sort = sort == null || sort.isBlank() ? "priority" : sort;
    }

    public static TicketFilter active() {
        return new TicketFilter(TicketState.ACTIVE, null, null, false, null, null, null, null, "priority");
    }
}
