package org.kept.ticket;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.kept.shared.Page;

/** The ticket desk: record, find, list and work tickets. Every change lands on the timeline and in the audit log. */
public interface Tickets {

    /** Records a ticket; with an idempotency key, the same key and request give the same ticket, never two. */
    Created create(NewTicket ticket, CurrentUser by, String idempotencyKey);

    /**
     * Everything wrong with a request to record a ticket, each on its field (empty when it would be recorded), so a
     * form shows every problem at once; {@link #create} refuses the same problems together.
     */
    List<org.kept.shared.KeptException.Field> problems(NewTicket ticket, CurrentUser by);

    /** The ticket this caller already recorded with this idempotency key, if any. */
    Optional<TicketView> recordedWith(CurrentUser by, String idempotencyKey);

    Optional<TicketView> find(long id);

    TicketView get(long id);

    Optional<TicketView> byNumber(String number);

    Page<TicketSummary> list(TicketFilter filter, int page, int size);

    /** Counts per state for a queue, capped so a million-ticket queue costs no more than a small one. */
    Map<TicketState, Long> countByState(Long teamId, Long assigneeId, long cap);

    List<TimelineEntry> timeline(long id);

    TicketView reply(long id, String body, Integer expectedVersion, CurrentUser by);

    TicketView note(long id, String body, Integer expectedVersion, CurrentUser by);

    /** Moves the ticket on; resolving or closing it with open promises is refused ({@link TicketPromises.Undecided}). */
    default TicketView transition(long id, TicketState to, int expectedVersion, CurrentUser by) {
        return transition(id, to, expectedVersion, by, List.of());
    }

    /**
     * Moves the ticket on, with what becomes of each open promise when it is resolved or closed; a promise left
     * undecided refuses the move with {@link TicketPromises.Undecided}, which lists them.
     */
    TicketView transition(long id, TicketState to, int expectedVersion, CurrentUser by, List<TicketPromises.Decision> promises);

    TicketView assign(long id, Long teamId, Long assigneeId, int expectedVersion, CurrentUser by);

    /**
     * Like {@link #assign(long, Long, Long, int, CurrentUser)} for a caller that has just read the ticket in its own
     * transaction: it is not read again; the write still refuses it if someone changed it since ({@code current}'s version).
     */
    TicketView assign(TicketView current, Long teamId, Long assigneeId, CurrentUser by);

    TicketView changePriority(long id, Priority priority, int expectedVersion, CurrentUser by);

    /**
     * Closes {@code duplicateId} as a duplicate of {@code targetId}; both timelines say so. With an expected version
     * of the duplicate, a change someone made to it in the meantime stops the merge.
     */
    TicketView merge(long duplicateId, long targetId, Integer expectedVersion, CurrentUser by);

    /**
     * Writes an entry on the timeline (and in the audit log) without changing the ticket: other modules' facts such
     * as SLA warnings, escalation handover notes and expedites, each a record type of the module that owns it.
     */
    void annotate(long id, TicketChange.Annotation change, CurrentUser by);

    /** Like {@link #annotate(long, TicketChange.Annotation, CurrentUser)} for a ticket the caller has just read. */
    void annotate(TicketView ticket, TicketChange.Annotation change, CurrentUser by);

    String revealContactPhone(long id, String reason, CurrentUser by);

    List<TicketSummary> ofCustomer(long customerId, int limit);

    /** A page's worth of tickets by id at once (boards, lists of promises); unknown ids are left out. */
    Map<Long, TicketSummary> summaries(java.util.Collection<Long> ids);

    /** How many active tickets each of these people holds (their load); people holding none are left out. */
    Map<Long, Long> openLoad(java.util.Collection<Long> assigneeIds);

    /** Ids of active tickets after {@code afterId}, in id order: for modules that start their own records in bulk. */
    List<Long> activeIds(long afterId, int limit);

    List<Category> categories();

    /** A configurable ticket category. */
    record Category(String code, String nameZh, String nameEn) {
    }

    /**
     * A recorded ticket, and whether it was an idempotent replay of an earlier request; {@code customer} is the
     * customer as read while checking the request (null on a replay), so the answer need not read it again.
     */
    record Created(TicketView ticket, boolean replayed, org.kept.customer.CustomerSummary customer) {

        public Created(TicketView ticket, boolean replayed) {
            this(ticket, replayed, null);
        }
    }
}
