package org.kept.ticket;

import java.util.List;
import org.kept.identity.CurrentUser;

/**
 * Bringing in a centre's ticket history (when it moves to Kept, or the demo centre): tickets keep their own times,
 * states and timelines and are numbered by the day they were recorded. Nothing reacts as to a new ticket (no
 * {@link TicketChanged}); one audit entry records the import. Clocks for imported open tickets are started by the
 * sla module's {@code SlaClocks.startMissing()}.
 */
public interface TicketImport {

    /** Records every ticket in one transaction; returns their ids in order. */
    List<Long> importHistoric(List<HistoricTicket> tickets, CurrentUser by);
}
