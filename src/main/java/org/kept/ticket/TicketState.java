package org.kept.ticket;

import java.util.EnumSet;
import java.util.Set;

/** Where a ticket stands. Only the moves listed here are allowed; anything else is refused with a reason. */
public enum TicketState {
    NEW, OPEN, PENDING_CUSTOMER, PENDING_INTERNAL, RESOLVED, CLOSED;

    /** States in which the centre still owes the customer something. */
    public static final Set<TicketState> ACTIVE = EnumSet.of(NEW, OPEN, PENDING_CUSTOMER, PENDING_INTERNAL);

    public boolean canMoveTo(TicketState target) {
        return switch (this) {
            case NEW, OPEN, PENDING_CUSTOMER, PENDING_INTERNAL -> target != this && target != NEW;
            case RESOLVED -> target == CLOSED || target == OPEN;
            case CLOSED -> target == OPEN;
        };
    }

    public boolean isActive() {
        return ACTIVE.contains(this);
    }
}
