package org.kept.ticket;

import java.util.Set;

/**
 * Which tickets a queue shows. Null means "any". {@code unassigned} selects tickets nobody holds.
 * {@code sort}: {@code priority} (most urgent, then oldest), {@code created}, {@code -created}, {@code -updated}.
 */
public record TicketFilter(Set<TicketState> states, Long teamId, Long assigneeId, boolean unassigned, TicketType type,
                           Priority priority, Long customerId, String text, String sort) {

    public TicketFilter {
        states = states == null ? Set.of() : Set.copyOf(states);
        sort = sort == null || sort.isBlank() ? "priority" : sort;
    }

    public static TicketFilter active() {
        return new TicketFilter(TicketState.ACTIVE, null, null, false, null, null, null, null, "priority");
    }
}
