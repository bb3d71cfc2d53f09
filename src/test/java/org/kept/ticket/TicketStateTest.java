package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.ticket.TicketState.CLOSED;
import static org.kept.ticket.TicketState.NEW;
import static org.kept.ticket.TicketState.OPEN;
import static org.kept.ticket.TicketState.PENDING_CUSTOMER;
import static org.kept.ticket.TicketState.PENDING_INTERNAL;
import static org.kept.ticket.TicketState.RESOLVED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The allowed moves between ticket states, as a table: a row per state, the states it may move to. */
class TicketStateTest {

    static final Map<TicketState, Set<TicketState>> ALLOWED = Map.of(
            NEW, EnumSet.of(OPEN, PENDING_CUSTOMER, PENDING_INTERNAL, RESOLVED, CLOSED),
            OPEN, EnumSet.of(PENDING_CUSTOMER, PENDING_INTERNAL, RESOLVED, CLOSED),
            PENDING_CUSTOMER, EnumSet.of(OPEN, PENDING_INTERNAL, RESOLVED, CLOSED),
            PENDING_INTERNAL, EnumSet.of(OPEN, PENDING_CUSTOMER, RESOLVED, CLOSED),
            RESOLVED, EnumSet.of(OPEN, CLOSED),
            CLOSED, EnumSet.of(OPEN));

    @ParameterizedTest
    @EnumSource(TicketState.class)
    void movesExactlyAsTheTableSays(TicketState from) {
        for (TicketState to : TicketState.values()) {
            assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(ALLOWED.get(from).contains(to));
        }
    }

    @Test
    void noStateMovesToItselfAndNothingGoesBackToNew() {
        for (TicketState state : TicketState.values()) {
            assertThat(state.canMoveTo(state)).as(state.name()).isFalse();
            assertThat(state.canMoveTo(NEW)).as(state.name()).isFalse();
        }
    }

    @Test
    void reopenIsPossibleFromResolvedAndClosedButAClosedTicketCannotBeResolvedAgain() {
        assertThat(RESOLVED.canMoveTo(OPEN)).isTrue();
        assertThat(CLOSED.canMoveTo(OPEN)).isTrue();
        assertThat(CLOSED.canMoveTo(RESOLVED)).isFalse();
        assertThat(RESOLVED.canMoveTo(PENDING_CUSTOMER)).isFalse();
    }

    @Test
    void activeStatesAreThoseInWhichTheCentreStillOwesTheCustomer() {
        assertThat(TicketState.ACTIVE).containsExactlyInAnyOrder(NEW, OPEN, PENDING_CUSTOMER, PENDING_INTERNAL);
        assertThat(RESOLVED.isActive()).isFalse();
        assertThat(CLOSED.isActive()).isFalse();
        assertThat(PENDING_CUSTOMER.isActive()).isTrue();
    }
}
