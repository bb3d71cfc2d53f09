package org.kept.phone.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.NewContact;
import org.kept.customer.Customer;
import org.kept.customer.Customers;
import org.kept.customer.PhoneNumbers;
import org.kept.identity.CurrentUser;
import org.kept.identity.UserView;
import org.kept.phone.CallAbandoned;
import org.kept.phone.CallProgress;
import org.kept.phone.CallRecord;
import org.kept.ticket.Channel;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a PBX's call event: keeps it once per (call, event, timestamp), recomputes the call record from all its
 * events, keeps the call's contact in step (who handled it, how it ended), announces an abandoned call once and pops
 * the ringing agent's screen.
 */
@Service
public class CallDesk {

    /** The PBX acting: the actor of the contact's timeline entries. */
    static final CurrentUser PBX = new CurrentUser(0, "cti", "PBX", null, "SYSTEM", Set.of(), null, null, true, "");

    private final CallStore calls;
    private final Contacts contacts;
    private final Customers customers;
    private final Agents agents;
    private final ScreenPop screenPop;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    CallDesk(CallStore calls, Contacts contacts, Customers customers, Agents agents, ScreenPop screenPop,
             ApplicationEventPublisher events, Clock clock, PlatformTransactionManager txManager) {
        this.calls = calls;
        this.contacts = contacts;
        this.customers = customers;
        this.agents = agents;
        this.screenPop = screenPop;
        this.events = events;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(txManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Transactional
    public CallRecord accept(long integrationId, CallEvent e) {
        Instant now = clock.instant();
        Optional<CallStore.Stored> known = calls.lock(integrationId, e.callId());
        boolean[] opened = {false};
        CallStore.Stored call = known.orElseGet(() -> open(integrationId, e, opened));
        // a call this event opened has no other event yet: neither the repeat check nor the re-read of its events
        boolean fresh = opened[0];
        if (call.record().number() == null && (e.from() != null || e.to() != null)) {
            call = identify(integrationId, call, e);
        }
        Direction direction = call.direction();
        Optional<UserView> agent = agents.byRef(e.user());
        String agentRef = agent.map(UserView::username).orElse(e.user());
        long row = call.record().id();
        if (!calls.addEvent(row, e, agentRef, now, fresh)) {
            return call.record();
        }
        List<StoredEvent> all = fresh ? List.of(StoredEvent.of(e, agentRef)) : calls.events(row);
        CallFacts facts = CallFacts.of(all, call.record().startedAt(), direction);
        Long agentId = (agentRef != null && agentRef.equals(facts.agentRef()) ? agent : agents.byRef(facts.agentRef()))
                .map(UserView::id).orElse(null);
        calls.update(row, facts, agentId);
        CallRecord record = calls.find(row).orElseThrow();
        events.publishEvent(new CallProgress(row, record.queue(), record.state(), record.agentId(), record.agentRef(),
                since(facts)));
        long contactId = record.contactId();
        if (agentId != null && facts.answeredAt() != null) {
            contacts.handledBy(contactId, agentId);
        }
        String outcome = facts.outcome(direction);
        if (outcome != null) {
            Contact contact = contacts.find(contactId).orElseThrow();
            if (!outcome.equals(contact.outcome()) || !java.util.Objects.equals(facts.endedAt(), contact.endedAt())) {
                contacts.conclude(contactId, facts.endedAt(), outcome, detail(record), PBX);
            }
        }
        if (facts.abandoned(direction) && calls.markAbandonedSent(row)) {
            events.publishEvent(new CallAbandoned(contactId, record.callId(), record.number(), record.customerId(),
                    record.queue(), record.waitSeconds() == null ? 0 : record.waitSeconds(), facts.endedAt()));
        }
        if (agent.isPresent() && !"ENDED".equals(record.state()) && Set.of("newCall", "transfer", "answer").contains(e.event())) {
            UserView ringing = agent.get();
            screenPop.sendAfterCommit(ringing.id(), () -> agents.signedInAs(ringing), record);
        }
        return record;
    }

    /** The first event of a call (whichever arrived first) makes its contact and its record. */
    private CallStore.Stored open(long integrationId, CallEvent e, boolean[] opened) {
        Direction direction = e.direction() == null ? Direction.INBOUND : e.direction();
        String theirs = direction == Direction.INBOUND ? e.from() : e.to();
        String ours = direction == Direction.INBOUND ? e.to() : e.from();
        String number = normalised(theirs);
        Long customerId = number == null ? null : customers.byPhone(number).map(Customer::id).orElse(null);
        Contact contact = contacts.record(new NewContact(Channel.PHONE, direction, "cti:" + integrationId + ":" + e.callId(),
                number, customerId, null, null, e.at(), e.queue()), PBX);
        try {
            savepoint.executeWithoutResult(s -> calls.insert(integrationId, e.callId(), contact.id(), direction, number,
                    normalised(ours), customerId, e.at()));
            opened[0] = true;
        } catch (DuplicateKeyException raced) {
            // another event of the same call, on another thread or instance, opened it first
        }
        return calls.lock(integrationId, e.callId()).orElseThrow();
    }

    /** An event that names the parties arrived after one that did not (out of order): the call learns who it is with. */
    private CallStore.Stored identify(long integrationId, CallStore.Stored call, CallEvent e) {
        Direction direction = e.direction() == null ? call.direction() : e.direction();
        String number = normalised(direction == Direction.INBOUND ? e.from() : e.to());
        if (number == null) {
            return call;
        }
        Long customerId = customers.byPhone(number).map(Customer::id).orElse(null);
        calls.identify(call.record().id(), direction, number, normalised(direction == Direction.INBOUND ? e.to() : e.from()),
                customerId);
        contacts.identify(call.record().contactId(), number, customerId);
        return calls.lock(integrationId, call.record().callId()).orElseThrow();
    }

    /** When the call entered the state its facts give. */
    private static Instant since(CallFacts f) {
        Instant at = switch (f.state()) {
            case "ENDED" -> f.endedAt();
            case "ANSWERED" -> f.answeredAt();
            case "RINGING" -> f.ringStartedAt();
            default -> f.startedAt();
        };
        return at != null ? at : f.startedAt();
    }

    /** E.164 when it is a phone number ({@code 0571-8888 6666}, {@code +86 138…}); an extension stays as sent. */
    static String normalised(String raw) {
        if (raw == null) {
            return null;
        }
        return PhoneNumbers.parse(raw).orElse(raw.replaceAll("[^0-9+*#]", ""));
    }

    private static String detail(CallRecord r) {
        StringBuilder s = new StringBuilder();
        if (r.queue() != null) {
            s.append(r.queue());
        }
        if (r.waitSeconds() != null) {
            s.append(s.isEmpty() ? "" : " · ").append("wait ").append(r.waitSeconds()).append(" s");
        }
        if (r.talkSeconds() != null) {
            s.append(" · talk ").append(r.talkSeconds()).append(" s");
        }
        if (r.cause() != null) {
            s.append(" · ").append(r.cause());
        }
        return s.toString();
    }

    public Optional<CallRecord> find(long id) {
        return calls.find(id);
    }

    public java.util.List<CallRecord> list(Instant from, Instant to, String queue, Long agentId, int limit) {
        return calls.list(from, to, queue, agentId, Math.max(1, Math.min(limit, 500)));
    }
}
