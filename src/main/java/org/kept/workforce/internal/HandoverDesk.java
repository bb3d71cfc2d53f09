package org.kept.workforce.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.UserView;
import org.kept.shared.KeptException;
import org.kept.sla.CommitmentView;
import org.kept.sla.Commitments;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketFilter;
import org.kept.ticket.TicketType;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.kept.workforce.HandoverSigned;
import org.kept.workforce.ShiftView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shift handover (交接班). At the end of a shift Kept drafts the sheet: tickets the outgoing agent still holds (open
 * work and follow-ups waiting on someone), their commitments falling due before the next shift is well under way,
 * and business notices in force. The outgoing agent names new owners, adds notes and signs; at that moment every
 * ticket moves: to its new owner, or to the team queue when nobody was named (listed on the sheet as such), so
 * nothing stays with someone who has gone home. The incoming agent then reviews and signs.
 */
@Service
public class HandoverDesk {

    /** Commitments falling due within this time after the shift ends go on the sheet. */
    private static final Duration COMING_DUE = Duration.ofHours(16);
    /** At most 500 tickets on one sheet: more than that is a queue, not a handover. */
    private static final int MAX_TICKET_PAGES = 5;
    private static final Set<TicketState> FOLLOW_UPS = EnumSet.of(TicketState.PENDING_CUSTOMER, TicketState.PENDING_INTERNAL);

    private static final Set<String> NOTICE_KINDS = Set.of("LAUNCH", "RETIRE", "OTHER");

    private final HandoverStore store;
    private final Tickets tickets;
    private final ObjectProvider<Commitments> commitments;
    private final RosterStore rosters;
    private final Directory directory;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    HandoverDesk(HandoverStore store, Tickets tickets, ObjectProvider<Commitments> commitments, RosterStore rosters,
              Directory directory, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.tickets = tickets;
        this.commitments = commitments;
        this.rosters = rosters;
        this.directory = directory;
        this.clock = clock;
        this.events = events;
    }

    /** Drafts the caller's sheet for the shift ending now (or at the end of their current published shift). */
    @Transactional
    public long draft(CurrentUser outgoing, Long incomingId) {
        if (outgoing.isCustomer()) {
            throw KeptException.forbidden("error.forbidden");
        }
        Instant now = clock.instant();
        Instant shiftEnds = rosters.publishedShifts(outgoing.id(), now, now.plusMillis(1)).stream()
                .map(ShiftView::endsAt).findFirst().orElse(now);
        if (incomingId != null) {
            checkColleague(incomingId, outgoing);
        }
        long id = store.createSheet(outgoing.teamId(), outgoing.id(), incomingId, shiftEnds, now);
        List<TicketSummary> held = new java.util.ArrayList<>();
        TicketFilter mine = new TicketFilter(TicketState.ACTIVE, null, outgoing.id(), false, null, null, null, null, "priority");
        for (int page = 0; page < MAX_TICKET_PAGES; page++) {
            List<TicketSummary> items = tickets.list(mine, page, 100).items();
            held.addAll(items);
            if (items.size() < 100) {
                break;
            }
        }
        for (TicketSummary t : held) {
            String kind = FOLLOW_UPS.contains(t.state()) ? "FOLLOW_UP" : "TICKET";
            // the colleague named on the sheet takes every ticket unless the outgoing agent says otherwise
            store.addItem(id, kind, t.id(), t.number() + " " + t.subject() + " [" + t.state() + ", " + t.priority() + "]", null,
                    incomingId);
        }
        Commitments promises = commitments.getIfAvailable();
        if (promises != null) {
            for (CommitmentView c : promises.openFor(outgoing.id(), shiftEnds.plus(COMING_DUE))) {
                store.addItem(id, "COMMITMENT", c.id(), c.ticketNumber() + " " + c.promise(), c.due());
            }
        }
        for (HandoverStore.Notice n : store.notices(outgoing.teamId(), now.minus(Duration.ofDays(1)), shiftEnds.plus(COMING_DUE))) {
            store.addItem(id, "NOTICE", n.id(), n.title() + ": " + n.body(), n.effectiveAt());
        }
        return id;
    }

    /** The outgoing agent names who takes an item (null: nobody, it goes to the team queue at sign-off). */
    @Transactional
    public void assignItem(long sheetId, long itemId, Long newOwnerId, CurrentUser by) {
        HandoverStore.Sheet sheet = store.get(sheetId);
        requireOutgoing(sheet, by);
        requireState(sheet, "DRAFT");
        if (newOwnerId != null) {
            checkColleague(newOwnerId, by);
        }
        store.setOwner(sheetId, itemId, newOwnerId);
    }

    /** The outgoing agent gives several rows at once to one colleague (null: the team queue). */
    @Transactional
    public void assignItems(long sheetId, List<Long> itemIds, Long newOwnerId, CurrentUser by) {
        if (itemIds == null || itemIds.isEmpty()) {
            throw KeptException.invalid("workforce.handover.bulk.none");
        }
        for (Long itemId : itemIds) {
            assignItem(sheetId, itemId, newOwnerId, by);
        }
    }

    /**
     * What signing would do now, for the outgoing agent to check first: tickets per new owner and to the team queue,
     * P1 complaints (and how many of them would go to the queue with nobody named), and promises moving with them.
     */
    public HandoverPreview preview(long sheetId) {
        HandoverStore.Sheet sheet = store.get(sheetId);
        List<HandoverStore.Item> moving = store.items(sheetId).stream()
                .filter(i -> i.kind().equals("TICKET") || i.kind().equals("FOLLOW_UP")).toList();
        java.util.Map<Long, TicketSummary> held = tickets.summaries(moving.stream().map(HandoverStore.Item::refId).filter(java.util.Objects::nonNull).toList());
        java.util.Map<Long, Integer> perOwner = new java.util.LinkedHashMap<>();
        java.util.Map<Long, Integer> perTeam = new java.util.LinkedHashMap<>();
        int p1 = 0;
        int p1ToQueue = 0;
        List<Long> ticketIds = new java.util.ArrayList<>();
        for (HandoverStore.Item item : moving) {
            TicketSummary t = held.get(item.refId());
            if (t == null || !t.state().isActive() || t.assigneeId() == null || t.assigneeId() != sheet.outgoingId()) {
                continue; // already moved or closed: signing leaves it alone
            }
            ticketIds.add(t.id());
            boolean p1Complaint = t.priority() == Priority.P1 && t.type() == TicketType.COMPLAINT;
            p1 += p1Complaint ? 1 : 0;
            if (item.newOwnerId() != null) {
                perOwner.merge(item.newOwnerId(), 1, Integer::sum);
            } else {
                perTeam.merge(t.teamId() != null ? t.teamId() : sheet.teamId(), 1, Integer::sum);
                p1ToQueue += p1Complaint ? 1 : 0;
            }
        }
        Commitments promises = commitments.getIfAvailable();
        int moved = promises == null ? 0 : promises.openOn(ticketIds).size();
        return new HandoverPreview(perOwner, perTeam, ticketIds.size(), p1, p1ToQueue, moved);
    }

    /** The current state of the tickets a sheet lists (number, state and priority in words on the page). */
    public java.util.Map<Long, TicketSummary> ticketsOn(List<HandoverStore.Item> items) {
        return tickets.summaries(items.stream().filter(i -> i.kind().equals("TICKET") || i.kind().equals("FOLLOW_UP"))
                .map(HandoverStore.Item::refId).filter(java.util.Objects::nonNull).toList());
    }

    /**
     * The outgoing agent signs: tickets go to their named owners or to the team queue, and the sheet lists where each
     * went. A stale version (someone else signed or changed it) is a 409.
     */
    @Transactional
    public void signOutgoing(long sheetId, int version, String notes, CurrentUser by) {
        HandoverStore.Sheet sheet = store.get(sheetId);
        requireOutgoing(sheet, by);
        requireState(sheet, "DRAFT");
        if (!store.sign(sheetId, version, "DRAFT", "OUTGOING_SIGNED", "outgoing_notes", clean(notes), "outgoing_signed_at",
                null, clock.instant())) {
            throw new org.kept.shared.StaleUpdateException("handover", sheetId);
        }
        List<Long> movedTickets = new java.util.ArrayList<>();
        for (HandoverStore.Item item : store.items(sheetId)) {
            if (!item.kind().equals("TICKET") && !item.kind().equals("FOLLOW_UP")) {
                store.setOutcome(item.id(), "INFORMATION");
                continue;
            }
            TicketView t = tickets.find(item.refId()).orElse(null);
            if (t == null || !t.state().isActive() || t.assigneeId() == null || t.assigneeId() != by.id()) {
                store.setOutcome(item.id(), "ALREADY_MOVED"); // someone else took it or it was closed meanwhile
                continue;
            }
            if (item.newOwnerId() != null) {
                tickets.assign(t.id(), null, item.newOwnerId(), t.version(), by);
                store.setOutcome(item.id(), "HANDED_OVER");
            } else {
                Long team = t.teamId() != null ? t.teamId() : by.teamId();
                tickets.assign(t.id(), team, null, t.version(), by);
                store.setOutcome(item.id(), "TO_TEAM_QUEUE");
            }
            movedTickets.add(t.id());
        }
        recordPromisesMoved(sheetId, movedTickets);
        events.publishEvent(new HandoverSigned(by.username(), sheetId, "outgoing", "items=" + store.items(sheetId).size()));
    }

    /**
     * The promises of the moved tickets followed them (the sla module moves them when a ticket changes hands); the
     * sheet records where each went: on its line when it was listed as coming due, on a line of its own otherwise.
     */
    private void recordPromisesMoved(long sheetId, List<Long> movedTickets) {
        Commitments promises = commitments.getIfAvailable();
        if (promises == null || movedTickets.isEmpty()) {
            return;
        }
        java.util.Map<Long, HandoverStore.Item> listed = new java.util.HashMap<>();
        store.items(sheetId).stream().filter(i -> i.kind().equals("COMMITMENT")).forEach(i -> listed.put(i.refId(), i));
        for (CommitmentView c : promises.openOn(movedTickets)) {
            String outcome = c.ownerId() != null ? "PROMISE_MOVED" : "PROMISE_TO_TEAM";
            HandoverStore.Item line = listed.get(c.id());
            if (line != null) {
                store.setOwner(sheetId, line.id(), c.ownerId());
                store.setOutcome(line.id(), outcome);
            } else {
                store.addItem(sheetId, "PROMISE", c.id(), c.ticketNumber() + " " + c.promise(), c.due(), c.ownerId(), outcome);
            }
        }
    }

    /** The incoming agent reviews and signs; the sheet is then complete and kept. */
    @Transactional
    public void signIncoming(long sheetId, int version, String notes, CurrentUser by) {
        HandoverStore.Sheet sheet = store.get(sheetId);
        requireState(sheet, "OUTGOING_SIGNED");
        if (by.id() == sheet.outgoingId()) {
            throw KeptException.forbidden("workforce.handover.ownSheet");
        }
        boolean named = sheet.incomingId() != null && sheet.incomingId() == by.id();
        boolean teammate = sheet.incomingId() == null && sheet.teamId() != null && sheet.teamId().equals(by.teamId());
        if (!named && !teammate) {
            throw KeptException.forbidden("workforce.handover.notIncoming");
        }
        if (!store.sign(sheetId, version, "OUTGOING_SIGNED", "COMPLETED", "incoming_notes", clean(notes), "incoming_signed_at",
                by.id(), clock.instant())) {
            throw new org.kept.shared.StaleUpdateException("handover", sheetId);
        }
        events.publishEvent(new HandoverSigned(by.username(), sheetId, "incoming", "completed"));
    }

    /** One sheet as stored (callers check visibility with {@link #visible}). */
    public HandoverStore.Sheet sheet(long id) {
        return store.get(id);
    }

    public List<HandoverStore.Item> items(long sheetId) {
        return store.items(sheetId);
    }

    /** A business notice (a product going live or offline) for the sheets of a team, or of everyone without a team. */
    @Transactional
    public long addNotice(String title, String body, String kind, Long teamId, Instant effectiveAt, Instant untilAt,
                          CurrentUser by) {
        if (title == null || title.isBlank() || title.length() > 200 || body == null || body.length() > 2000
                || effectiveAt == null || !NOTICE_KINDS.contains(String.valueOf(kind))) {
            throw KeptException.invalid("workforce.notice");
        }
        long id = store.addNotice(title.trim(), body, kind, teamId, effectiveAt, untilAt, by.id(), clock.instant());
        events.publishEvent(new PlanChanged(by.username(), "workforce.notice.create", "notice:" + id,
                kind + " team " + teamId + " from " + effectiveAt + (untilAt == null ? "" : " until " + untilAt) + ": "
                        + title.trim() + " / " + body));
        return id;
    }

    /** Whether this person may see the sheet: either side, the same team, or a planner (its metadata, see HandoverReading). */
    public boolean canSee(HandoverStore.Sheet sheet, CurrentUser user) {
        return user.can(Permission.WORKFORCE_PLAN) || sheet.outgoingId() == user.id()
                || (sheet.incomingId() != null && sheet.incomingId() == user.id())
                || (sheet.teamId() != null && sheet.teamId().equals(user.teamId()));
    }

    public HandoverStore.Sheet visible(long id, CurrentUser user) {
        HandoverStore.Sheet sheet = store.get(id);
        if (!canSee(sheet, user)) {
            throw KeptException.notFound("handover", id); // not even whether it exists
        }
        return sheet;
    }

    /**
     * The sheets a person may see, newest first. Words are looked for only in sheets whose texts the person reads
     * (planners oversee the others by their metadata), and in the texts as the person sees them: masked for a
     * reader without personal-data rights, so a search cannot confirm a hidden digit.
     */
    public List<HandoverStore.Sheet> search(CurrentUser user, String text) {
        if (text == null || text.isBlank()) {
            return store.search(user.id(), user.teamId(), user.can(Permission.WORKFORCE_PLAN), null, 100);
        }
        // the database narrows by the longest part of the words outside a mask's stars (139****0001 → 0001); the
        // texts as this reader sees them decide
        String narrowing = java.util.Arrays.stream(text.strip().split("\\*+"))
                .max(java.util.Comparator.comparingInt(String::length)).orElse("");
        List<HandoverStore.Sheet> found = store.search(user.id(), user.teamId(), false, narrowing, 200);
        java.util.Map<Long, List<String>> labels = store.labels(found.stream().map(HandoverStore.Sheet::id).toList());
        return found.stream().filter(s -> HandoverReading.mentions(s, labels.getOrDefault(s.id(), List.of()), text, user))
                .limit(100).toList();
    }

    private void checkColleague(long userId, CurrentUser by) {
        UserView u = directory.activeStaff(userId).orElseThrow(() -> KeptException.invalid("workforce.handover.colleague", userId));
        if (u.id() == by.id() || by.teamId() == null || !by.teamId().equals(u.teamId())) {
            throw KeptException.invalid("workforce.handover.colleague", userId);
        }
    }

    private static void requireOutgoing(HandoverStore.Sheet sheet, CurrentUser by) {
        if (sheet.outgoingId() != by.id()) {
            throw KeptException.forbidden("workforce.handover.notOutgoing");
        }
    }

    private static void requireState(HandoverStore.Sheet sheet, String state) {
        if (!sheet.state().equals(state)) {
            throw KeptException.conflict("workforce.handover.state", sheet.state());
        }
    }

    private static String clean(String notes) {
        if (notes == null || notes.isBlank()) {
            return null;
        }
        if (notes.length() > 4000) {
            throw KeptException.invalid("workforce.handover.notes.invalid", 4000);
        }
        return notes.replace("\u0000", "").trim();
    }
}
