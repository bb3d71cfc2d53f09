package org.kept.ticket.internal;

import org.kept.shared.SqlTime;
import org.kept.shared.IdempotentRequests;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kept.customer.CustomerSummary;
import org.kept.customer.Customers;
import org.kept.customer.PersonalDataRevealed;
import org.kept.customer.PhoneNumbers;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.UserView;
import org.kept.shared.KeptException;
import org.kept.shared.Page;
import org.kept.ticket.NewTicket;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketChange;
import org.kept.ticket.TicketChanged;
import org.kept.ticket.TicketFilter;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.TicketView;
import org.kept.ticket.TicketPromises;
import org.kept.ticket.Tickets;
import org.kept.ticket.TimelineEntry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Works tickets: each change is checked, stored with its timeline entry and published in one transaction. */
@Service
class TicketDesk implements Tickets {

    static final String CREATE = "ticket.create";
    static final int MAX_TEXT = 10_000;
    static final int MAX_SUBJECT = 200;
    static final int MAX_DEPTH = 10_000;
    static final int TOTAL_CAP = 1_000;

    private final TicketStore store;
    private final CategoryStore categories;
    private final TicketNumbers numbers;
    private final IdempotentRequests idempotency;
    private final Customers customers;
    private final Directory directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final org.springframework.beans.factory.ObjectProvider<TicketPromises> promises;
    private final ReplyGuard guard;

    TicketDesk(TicketStore store, CategoryStore categories, TicketNumbers numbers, IdempotentRequests idempotency,
               Customers customers, Directory directory, ApplicationEventPublisher events, Clock clock,
               PlatformTransactionManager txManager, org.springframework.beans.factory.ObjectProvider<TicketPromises> promises,
               ReplyGuard guard) {
        this.promises = promises;
        this.guard = guard;
        this.store = store;
        this.categories = categories;
        this.numbers = numbers;
        this.idempotency = idempotency;
        this.customers = customers;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
    }

    @Override
    public Created create(NewTicket request, CurrentUser by, String idempotencyKey) {
        Checked checked = checked(request, by);
        NewTicket t = checked.ticket();
        CustomerSummary customer = checked.customer();
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            // the number is taken before the transaction: a block reservation needs a connection of its own, and
            // taking it while holding one could starve the pool under load (every holder waiting for the allocator)
            String number = numbers.next();
            return new Created(tx.execute(s -> insert(t, number, by, customer)), false, customer);
        }
        String fingerprinted = t.toString();
        Optional<Created> earlier = replay(by, idempotencyKey, fingerprinted);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String number = numbers.next();
        try {
            return new Created(tx.execute(s -> {
                TicketView created = insert(t, number, by, customer);
                idempotency.remember(by.id(), idempotencyKey, CREATE, fingerprinted, created.id());
                return created;
            }), false, customer);
        } catch (DuplicateKeyException raced) {
            // the same request arrived twice at once; the other one's ticket is the answer
            return replay(by, idempotencyKey, fingerprinted).orElseThrow(() -> raced);
        }
    }

    private Optional<Created> replay(CurrentUser by, String key, String request) {
        return idempotency.replay(by.id(), key, CREATE, request).map(earlier -> new Created(get(earlier.id()), true));
    }

    /** A request that passed the checks, and its customer as read for them (it goes into the answer too). */
    private record Checked(NewTicket ticket, CustomerSummary customer) {
    }

    /** The request as it will be stored, after every check (an import of history goes through the same ones). */
    NewTicket validated(NewTicket t, CurrentUser by) {
        return checked(t, by).ticket();
    }

    private Checked checked(NewTicket t, CurrentUser by) {
        if (by.isCustomer() && t.customerId() != by.customerId()) {
            throw KeptException.forbidden("error.forbidden");
        }
        List<KeptException.Field> wrong = new java.util.ArrayList<>();
        CustomerSummary customer = problems(t, by, wrong);
        if (!wrong.isEmpty()) {
            throw KeptException.invalid(wrong);
        }
        // like an assignment: a ticket given to a person lands in that person's team queue unless a team was chosen;
        // a ticket for nobody in particular goes to the team its category names (a portal ticket is not left unowned)
        Long team = t.teamId() != null ? t.teamId()
                : t.assigneeId() != null ? directory.user(t.assigneeId()).map(UserView::teamId).orElse(null)
                : t.category() == null ? null : categories.teamOf(t.category()).orElse(null);
        String phone = t.contactPhone() == null || t.contactPhone().isBlank() ? null : PhoneNumbers.toE164(t.contactPhone());
        return new Checked(new NewTicket(t.type(), t.category(), t.channel() == null ? org.kept.ticket.Channel.PHONE : t.channel(),
                t.priority() == null ? Priority.P3 : t.priority(), t.subject().strip(),
                t.description() == null ? "" : t.description(), blankToNull(t.incidentTime()), blankToNull(t.incidentPlace()),
                blankToNull(t.peopleInvolved()), phone, t.customerId(), team, t.assigneeId()), customer);
    }

    @Override
    public List<KeptException.Field> problems(NewTicket t, CurrentUser by) {
        List<KeptException.Field> wrong = new java.util.ArrayList<>();
        problems(t, by, wrong);
        return wrong;
    }

    /** Every problem of the request, each on its field, so all of them can be shown at once; the customer as read. */
    private CustomerSummary problems(NewTicket t, CurrentUser by, List<KeptException.Field> wrong) {
        if (t.type() == null) {
            wrong.add(new KeptException.Field("type", "error.ticket.type"));
        }
        if (t.subject() == null || t.subject().isBlank() || t.subject().length() > MAX_SUBJECT) {
            wrong.add(new KeptException.Field("subject", "error.ticket.subject", MAX_SUBJECT));
        }
        if (t.description() != null && t.description().length() > MAX_TEXT) {
            wrong.add(new KeptException.Field("description", "error.text.long", MAX_TEXT));
        }
        // the one-query summary, not find(): the full customer with every contact point is not needed here
        CustomerSummary customer = customers.summaries(List.of(t.customerId())).get(t.customerId());
        if (customer == null) {
            wrong.add(new KeptException.Field("customerId", "error.ticket.customer", t.customerId()));
        }
        if (t.category() != null && categories.all().stream().noneMatch(c -> c.code().equals(t.category()))) {
            wrong.add(new KeptException.Field("category", "error.ticket.category", t.category()));
        }
        try {
            checkAssignable(t.teamId(), t.assigneeId(), by, null);
        } catch (KeptException e) {
            if (e.status() == org.springframework.http.HttpStatus.FORBIDDEN) {
                throw e;
            }
            wrong.add(new KeptException.Field(e.messageKey().equals("error.ticket.team") ? "teamId" : "assigneeId",
                    e.messageKey(), e.args()));
        }
        tooLong("incidentTime", t.incidentTime(), 100, wrong);
        tooLong("incidentPlace", t.incidentPlace(), 200, wrong);
        tooLong("peopleInvolved", t.peopleInvolved(), 500, wrong);
        if (t.contactPhone() != null && !t.contactPhone().isBlank() && PhoneNumbers.parse(t.contactPhone()).isEmpty()) {
            wrong.add(new KeptException.Field("contactPhone", "error.phone", t.contactPhone()));
        }
        return customer;
    }

    private static void tooLong(String field, String value, int max, List<KeptException.Field> wrong) {
        if (value != null && value.length() > max) {
            wrong.add(new KeptException.Field(field, "error.text.long", max));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private TicketView insert(NewTicket t, String number, CurrentUser by, CustomerSummary customer) {
        OffsetDateTime now = now();
        TicketView draft = new TicketView(0, number, t.type(), t.category(), t.channel(), t.priority(), TicketState.NEW,
                t.subject(), t.description(), t.incidentTime(), t.incidentPlace(), t.peopleInvolved(), t.contactPhone(),
                t.customerId(), t.teamId(), t.assigneeId(), null, by.id(), now, now, 0);
        long id = store.insert(draft);
        TicketView created = withId(draft, id);
        TicketChange change = new TicketChange.Created(t.type(), t.priority(), t.channel());
        store.append(id, change, by.id(), by.displayName(), now);
        // the new ticket and its customer go with the event: the SLA clock needs both and need not read them again
        events.publishEvent(new TicketChanged(id, number, by.username(), change, created, customer));
        return created;
    }

    private static TicketView withId(TicketView t, long id) {
        return new TicketView(id, t.number(), t.type(), t.category(), t.channel(), t.priority(), t.state(), t.subject(),
                t.description(), t.incidentTime(), t.incidentPlace(), t.peopleInvolved(), t.contactPhone(), t.customerId(),
                t.teamId(), t.assigneeId(), t.mergedIntoId(), t.createdById(), t.createdAt(), t.updatedAt(), t.version());
    }

    private void record(TicketView t, TicketChange change, CurrentUser by, OffsetDateTime at) {
        store.append(t.id(), change, by.id(), by.displayName(), at);
        events.publishEvent(new TicketChanged(t.id(), t.number(), by.username(), change));
    }

    @Override
    public Optional<TicketView> recordedWith(CurrentUser by, String idempotencyKey) {
        return idempotency.resultOf(by.id(), idempotencyKey, CREATE).flatMap(store::find);
    }

    @Override
    public Optional<TicketView> find(long id) {
        return store.find(id);
    }

    @Override
    public TicketView get(long id) {
        return store.find(id).orElseThrow(() -> KeptException.notFound("ticket", id));
    }

    @Override
    public Optional<TicketView> byNumber(String number) {
        return store.byNumber(number);
    }

    @Override
    public Page<TicketSummary> list(TicketFilter filter, int page, int size) {
        if (page < 0 || size < 1 || size > 100) {
            throw KeptException.invalid("error.paging");
        }
        if ((long) (page + 1) * size > MAX_DEPTH) {
            // nobody reads the 400th page of a queue; refusing it keeps OFFSET from walking a million rows
            throw KeptException.invalid("error.paging.depth", MAX_DEPTH);
        }
        if (filter.text() != null && filter.text().length() > 200) {
            throw KeptException.invalid("error.text.long", 200);
        }
        if (!List.of("priority", "created", "-created", "-updated").contains(filter.sort())) {
            throw KeptException.invalid("error.sort", filter.sort());
        }
        // counting stops at 1,000 ("1000+"): past that nobody needs the exact number, and counting 10,000 index
        // entries was most of the database's work for a first page of a big queue
        return store.list(filter, page, size, TOTAL_CAP);
    }

    @Override
    public Map<TicketState, Long> countByState(Long teamId, Long assigneeId, long cap) {
        return store.countByState(teamId, assigneeId, cap);
    }

    @Override
    public Map<Long, Long> openLoad(java.util.Collection<Long> assigneeIds) {
        return store.openLoad(assigneeIds);
    }

    @Override
    public List<TimelineEntry> timeline(long id) {
        return store.timeline(id);
    }

    @Override
    @Transactional
    public TicketView reply(long id, String body, Integer expectedVersion, CurrentUser by) {
        String text = text(body);
        if (!by.isCustomer()) {
            guard.check(text);
        }
        TicketView t = current(id, expectedVersion);
        if (t.mergedIntoId() != null) {
            throw KeptException.invalid("error.ticket.merged", t.number());
        }
        OffsetDateTime now = now();
        TicketState next = t.state();
        if (by.isCustomer()) {
            // a customer answering a question, or writing again about a closed matter, puts it back in the centre's hands
            // even on a closed ticket: a customer writing again must never go unseen (a hidden repeat complaint)
            if (t.state() == TicketState.PENDING_CUSTOMER || t.state() == TicketState.RESOLVED
                    || t.state() == TicketState.CLOSED) {
                next = TicketState.OPEN;
            }
        } else if (t.state() == TicketState.NEW) {
            next = TicketState.OPEN;
        }
        TicketView changed = save(t, next, t.priority(), t.teamId(), t.assigneeId(), t.mergedIntoId(), now);
        record(t, new TicketChange.Replied(text, by.isCustomer()), by, now);
        if (next != t.state()) {
            record(t, new TicketChange.StateChanged(t.state(), next), by, now);
        }
        return changed;
    }

    @Override
    @Transactional
    public TicketView note(long id, String body, Integer expectedVersion, CurrentUser by) {
        String text = text(body);
        TicketView t = current(id, expectedVersion);
        OffsetDateTime now = now();
        TicketView changed = save(t, t.state(), t.priority(), t.teamId(), t.assigneeId(), t.mergedIntoId(), now);
        record(t, new TicketChange.NoteAdded(text), by, now);
        return changed;
    }

    @Override
    @Transactional
    public TicketView transition(long id, TicketState to, int expectedVersion, CurrentUser by,
                                 List<TicketPromises.Decision> decisions) {
        if (to == null) {
            throw KeptException.invalid("error.ticket.state", "null");
        }
        TicketView t = current(id, expectedVersion);
        if (!t.state().canMoveTo(to) || (t.mergedIntoId() != null && to == TicketState.OPEN)) {
            throw KeptException.invalid("error.ticket.transition", t.state(), to);
        }
        if (!to.isActive()) {
            settlePromises(t, decisions == null ? List.of() : decisions, by);
        }
        OffsetDateTime now = now();
        TicketView changed = save(t, to, t.priority(), t.teamId(), t.assigneeId(), t.mergedIntoId(), now);
        record(t, new TicketChange.StateChanged(t.state(), to), by, now);
        return changed;
    }

    /**
     * A ticket is not resolved or closed over open promises without a word: each needs a decision (keep it open, kept,
     * cancelled with a reason), carried out by the module that owns them in this transaction.
     */
    private void settlePromises(TicketView t, List<TicketPromises.Decision> decisions, CurrentUser by) {
        TicketPromises owner = promises.getIfAvailable();
        if (owner == null) {
            return;
        }
        List<TicketPromises.Promise> open = owner.open(t.id());
        java.util.Set<Long> decided = new java.util.HashSet<>();
        decisions.forEach(d -> decided.add(d.promiseId()));
        List<TicketPromises.Promise> undecided = open.stream().filter(p -> !decided.contains(p.id())).toList();
        if (!undecided.isEmpty()) {
            throw new TicketPromises.Undecided(t.number(), undecided);
        }
        if (!open.isEmpty()) {
            owner.settle(t.id(), decisions, by);
        }
    }

    @Override
    @Transactional
    public TicketView assign(long id, Long teamId, Long assigneeId, int expectedVersion, CurrentUser by) {
        return assign(current(id, expectedVersion), teamId, assigneeId, by);
    }

    @Override
    @Transactional
    public TicketView assign(TicketView t, Long teamId, Long assigneeId, CurrentUser by) {
        checkAssignable(teamId, assigneeId, by, t.teamId());
        Long team = teamId;
        if (team == null && assigneeId != null) {
            team = directory.user(assigneeId).map(UserView::teamId).orElse(t.teamId());
        }
        OffsetDateTime now = now();
        TicketView changed = save(t, t.state(), t.priority(), team, assigneeId, t.mergedIntoId(), now);
        TicketChange change = new TicketChange.Assigned(holder(t.teamId(), t.assigneeId()), holder(team, assigneeId));
        store.append(t.id(), change, by.id(), by.displayName(), now);
        // the ticket as assigned goes with the event: the SLA clock recomputes from it without reading it again
        events.publishEvent(new TicketChanged(t.id(), t.number(), by.username(), change, changed, null));
        return changed;
    }

    /**
     * Whether {@code by} may give a ticket now with {@code currentTeam} (null for a new one) to this team and person:
     * oneself and one's own team are always open; another team or another team's person takes TICKET_ASSIGN_ANY,
     * whether or not a person is named.
     */
    private void checkAssignable(Long teamId, Long assigneeId, CurrentUser by, Long currentTeam) {
        if (teamId != null && directory.team(teamId).isEmpty()) {
            throw KeptException.invalid("error.ticket.team", teamId);
        }
        if (teamId != null && !teamId.equals(currentTeam) && !teamId.equals(by.teamId())
                && !by.can(Permission.TICKET_ASSIGN_ANY)) {
            throw KeptException.forbidden("error.ticket.team.forbidden", teamId);
        }
        if (assigneeId == null) {
            return;
        }
        // a disabled account or a customer cannot hold a ticket
        UserView assignee = directory.activeStaff(assigneeId)
                .orElseThrow(() -> KeptException.invalid("error.ticket.assignee", assigneeId));
        if (teamId != null && !teamId.equals(assignee.teamId())) {
            throw KeptException.invalid("error.ticket.assignee.team", assigneeId, teamId);
        }
        boolean ownTeam = assignee.teamId() != null && assignee.teamId().equals(by.teamId());
        if (assignee.id() != by.id() && !ownTeam && !by.can(Permission.TICKET_ASSIGN_ANY)) {
            throw KeptException.forbidden("error.ticket.assign.forbidden");
        }
    }

    private String holder(Long teamId, Long assigneeId) {
        String team = teamId == null ? "-" : directory.team(teamId).map(x -> x.name()).orElse("#" + teamId);
        String person = assigneeId == null ? "-" : directory.user(assigneeId).map(UserView::displayName).orElse("#" + assigneeId);
        return team + " / " + person;
    }

    @Override
    @Transactional
    public TicketView changePriority(long id, Priority priority, int expectedVersion, CurrentUser by) {
        if (priority == null) {
            throw KeptException.invalid("error.ticket.priority");
        }
        TicketView t = current(id, expectedVersion);
        OffsetDateTime now = now();
        TicketView changed = save(t, t.state(), priority, t.teamId(), t.assigneeId(), t.mergedIntoId(), now);
        record(t, new TicketChange.PriorityChanged(t.priority(), priority), by, now);
        return changed;
    }

    @Override
    @Transactional
    public TicketView merge(long duplicateId, long targetId, Integer expectedVersion, CurrentUser by) {
        if (duplicateId == targetId) {
            throw KeptException.invalid("error.ticket.merge.self");
        }
        TicketView duplicate = current(duplicateId, expectedVersion);
        TicketView target = get(targetId);
        if (duplicate.mergedIntoId() != null || target.mergedIntoId() != null) {
            throw KeptException.invalid("error.ticket.merged", duplicate.mergedIntoId() != null ? duplicate.number() : target.number());
        }
        if (duplicate.customerId() != target.customerId()) {
            throw KeptException.invalid("error.ticket.merge.customer");
        }
        OffsetDateTime now = now();
        TicketView closed = save(duplicate, TicketState.CLOSED, duplicate.priority(), duplicate.teamId(),
                duplicate.assigneeId(), target.id(), now);
        record(duplicate, new TicketChange.MergedInto(target.number()), by, now);
        if (duplicate.state() != TicketState.CLOSED) {
            record(duplicate, new TicketChange.StateChanged(duplicate.state(), TicketState.CLOSED), by, now);
        }
        save(target, target.state(), target.priority(), target.teamId(), target.assigneeId(), null, now);
        record(target, new TicketChange.DuplicateMerged(duplicate.number()), by, now);
        return closed;
    }

    @Override
    @Transactional
    public void annotate(long id, TicketChange.Annotation change, CurrentUser by) {
        record(get(id), change, by, now());
    }

    @Override
    @Transactional
    public void annotate(TicketView ticket, TicketChange.Annotation change, CurrentUser by) {
        record(ticket, change, by, now());
    }

    @Override
    @Transactional
    public String revealContactPhone(long id, String reason, CurrentUser by) {
        if (reason == null || reason.strip().length() < 4 || reason.length() > 500) {
            throw KeptException.invalid("error.reveal.reason");
        }
        TicketView t = get(id);
        String phone = t.contactPhone() != null ? t.contactPhone() : customers.get(t.customerId()).primaryPhone();
        if (phone == null) {
            throw KeptException.invalid("error.reveal.none");
        }
        events.publishEvent(new PersonalDataRevealed(by.username(), "ticket:" + t.number(), "contactPhone", reason.strip()));
        return phone;
    }

    @Override
    public Map<Long, TicketSummary> summaries(java.util.Collection<Long> ids) {
        return store.summaries(ids);
    }

    @Override
    public List<Long> activeIds(long afterId, int limit) {
        return store.activeIds(afterId, Math.max(1, Math.min(limit, 10_000)));
    }

    @Override
    public List<TicketSummary> ofCustomer(long customerId, int limit) {
        return store.ofCustomer(customerId, Math.max(1, Math.min(limit, 200)));
    }

    @Override
    public List<Category> categories() {
        return categories.all();
    }

    private TicketView current(long id, Integer expectedVersion) {
        TicketView t = get(id);
        if (expectedVersion != null && expectedVersion != t.version()) {
            throw new org.kept.shared.StaleUpdateException("ticket", t.number());
        }
        return t;
    }

    private TicketView save(TicketView t, TicketState state, Priority priority, Long teamId, Long assigneeId, Long mergedInto,
                            OffsetDateTime now) {
        TicketView next = new TicketView(t.id(), t.number(), t.type(), t.category(), t.channel(), priority, state, t.subject(),
                t.description(), t.incidentTime(), t.incidentPlace(), t.peopleInvolved(), t.contactPhone(), t.customerId(),
                teamId, assigneeId, mergedInto, t.createdById(), t.createdAt(), now, t.version());
        int version = store.update(next, t.version());
        store.priorityChanged(t, priority);
        return new TicketView(next.id(), next.number(), next.type(), next.category(), next.channel(), next.priority(),
                next.state(), next.subject(), next.description(), next.incidentTime(), next.incidentPlace(),
                next.peopleInvolved(), next.contactPhone(), next.customerId(), next.teamId(), next.assigneeId(),
                next.mergedIntoId(), next.createdById(), next.createdAt(), next.updatedAt(), version);
    }

    private static String text(String body) {
        if (body == null || body.isBlank()) {
            throw KeptException.invalid("error.text.empty");
        }
        if (body.length() > MAX_TEXT) {
            throw KeptException.invalid("error.text.long", MAX_TEXT);
        }
        return body.strip();
    }

    private OffsetDateTime now() {
        // databases keep microseconds; cutting here makes what we return equal to what a later read gives
        return SqlTime.now(clock);
    }
}
