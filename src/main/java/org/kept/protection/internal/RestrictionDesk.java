package org.kept.protection.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.protection.ProtectionChanged;
import org.kept.protection.Recordings;
import org.kept.protection.Restrictions;
import org.kept.protection.internal.Records.Appeal;
import org.kept.protection.internal.Records.Flag;
import org.kept.protection.internal.Records.Level;
import org.kept.protection.internal.Records.Restriction;
import org.kept.protection.internal.Records.Settings;
import org.kept.shared.KeptException;
import org.kept.shared.Sha256;
import org.kept.ticket.TicketFilter;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketType;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Caller restrictions with the two-person rule (the requester never approves their own), a mandatory expiry within
 * the action's maximum, a review date and a hit count; the decision for an incoming contact; appeals to a lead; the
 * evidence package for a police referral. An open complaint is never rejected: the decision becomes routing.
 */
@Service
public class RestrictionDesk implements Restrictions {

    private final ProtectionStore store;
    private final Identities identities;
    private final Contacts contacts;
    private final Customers customers;
    private final Tickets tickets;
    private final ObjectProvider<Recordings> recordings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RestrictionDesk(ProtectionStore store, Identities identities, Contacts contacts, Customers customers, Tickets tickets,
                    ObjectProvider<Recordings> recordings, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.identities = identities;
        this.contacts = contacts;
        this.customers = customers;
        this.tickets = tickets;
        this.recordings = recordings;
        this.events = events;
        this.clock = clock;
    }

    /** A request for a restriction: who, what, why, on which flagged contacts, until when (required). */
    public record Request(IdentityKind kind, String value, Action action, String reason, List<Long> flagIds,
                          Instant expiresAt) {
    }

    public Restriction get(long id) {
        return store.restriction(id).orElseThrow(() -> KeptException.notFound("restriction", id));
    }

    public List<Restriction> list(int limit) {
        return store.restrictions(limit);
    }

    public List<Long> evidence(long id) {
        return store.evidence(id);
    }

    public Map<String, Integer> maxDays() {
        return store.maxDays();
    }

    /** Asks for a restriction; it does nothing until a second person approves it. */
    @Transactional
    public Restriction request(Request request, CurrentUser by) {
        Instant now = clock.instant();
        List<KeptException.Field> problems = new ArrayList<>();
        if (request.action() == null || request.action() == Action.NONE) {
            problems.add(new KeptException.Field("action", "protection.action.required"));
        }
        if (request.reason() == null || request.reason().isBlank()) {
            problems.add(new KeptException.Field("reason", "protection.reason.required"));
        }
        if (request.flagIds() == null || request.flagIds().isEmpty()) {
            problems.add(new KeptException.Field("flagIds", "protection.evidence.required"));
        }
        if (request.expiresAt() == null) {
            problems.add(new KeptException.Field("expiresAt", "protection.expiry.required"));
        }
        if (!problems.isEmpty()) {
            throw KeptException.invalid(problems);
        }
        Identities.Normalised identity = identities.normalise(request.kind(), request.value());
        Integer maxDays = store.maxDays().get(request.action().name());
        if (!request.expiresAt().isAfter(now)) {
            throw KeptException.invalid("protection.expiry.past");
        }
        if (request.expiresAt().isAfter(now.plus(Duration.ofDays(maxDays)))) {
            throw KeptException.invalid("protection.expiry.tooLong", request.action().name(), maxDays);
        }
        List<Flag> flags = store.flags(List.copyOf(new java.util.LinkedHashSet<>(request.flagIds())));
        if (flags.size() != new java.util.HashSet<>(request.flagIds()).size()) {
            throw KeptException.invalid("protection.evidence.unknown");
        }
        Map<String, Level> levels = new LinkedHashMap<>();
        store.levels().forEach(l -> levels.put(l.code(), l));
        if (flags.stream().noneMatch(f -> levels.get(f.level()).allowsRestrict())) {
            throw KeptException.invalid("protection.evidence.tooMild");
        }
        if (request.action() == Action.REJECT && flags.stream().noneMatch(f -> levels.get(f.level()).allowsReject())) {
            throw KeptException.invalid("protection.reject.threatOnly");
        }
        Long customerId = customerOf(identity).orElseGet(() -> flags.stream().map(Flag::customerId)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null));
        Settings settings = store.settings();
        Instant review = now.plus(Duration.ofDays(settings.reviewDays()));
        if (review.isAfter(request.expiresAt())) {
            review = request.expiresAt();
        }
        long id = store.insertRestriction(identity.kind(), identities.hash(identity), identity.masked(), customerId,
                request.action(), request.reason().strip(), by.id(), now, request.expiresAt(), review,
                "pending-" + java.util.UUID.randomUUID(), flags.stream().map(Flag::id).toList());
        store.setAppealToken(id, Sha256.hex(identities.appealToken(id)));
        events.publishEvent(new ProtectionChanged(by.username(), "protection.restriction.request", "restriction:" + id,
                request.action() + " " + identity.masked() + " until " + request.expiresAt() + ": " + request.reason().strip()));
        return get(id);
    }

    /** Approves or refuses a pending restriction. The requester can never decide their own request. */
    @Transactional
    public Restriction decide(long id, boolean approve, String note, CurrentUser by) {
        Restriction r = get(id);
        if (r.requestedBy() == by.id()) {
            throw KeptException.forbidden("protection.twoPerson");
        }
        if (!"PENDING".equals(r.state())) {
            throw KeptException.conflict("protection.restriction.decided", r.state());
        }
        if (approve && !r.expiresAt().isAfter(clock.instant())) {
            throw KeptException.conflict("protection.expiry.past");
        }
        if (!store.decide(id, "PENDING", approve ? "ACTIVE" : "REFUSED", by.id(), FlagDesk.blankToNull(note), clock.instant())) {
            throw KeptException.conflict("protection.restriction.decided", get(id).state());
        }
        events.publishEvent(new ProtectionChanged(by.username(), approve ? "protection.restriction.approve"
                : "protection.restriction.refuse", "restriction:" + id, note == null ? "" : note));
        return get(id);
    }

    private Optional<Long> customerOf(Identities.Normalised identity) {
        return switch (identity.kind()) {
            case ACCOUNT -> Optional.of(Long.parseLong(identity.value()));
            case PHONE -> customers.byPhone(identity.value()).map(c -> c.id());
            case EMAIL -> customers.byEmail(identity.value()).map(c -> c.id());
            case WECHAT -> Optional.empty();
        };
    }

    /** Whether the customer has a complaint the centre still owes an answer on. */
    public boolean hasOpenComplaint(Long customerId) {
        if (customerId == null) {
            return false;
        }
        return !tickets.list(new TicketFilter(TicketState.ACTIVE, null, null, false, TicketType.COMPLAINT, null, customerId,
                null, "created"), 0, 1).items().isEmpty();
    }

    @Override
    public Decision check(IdentityKind kind, String value, Instant at) {
        Identities.Normalised identity;
        try {
            identity = identities.normalise(kind, value);
        } catch (KeptException unreadable) {
            return Decision.NONE;
        }
        Optional<Restriction> strongest = store.activeFor(identities.hash(identity), at).stream()
                .max(Comparator.comparing((Restriction r) -> r.action().ordinal()).thenComparing(Restriction::id));
        if (strongest.isEmpty()) {
            return Decision.NONE;
        }
        Restriction r = strongest.get();
        store.hit(r.id(), at);
        Settings settings = store.settings();
        Action action = r.action();
        boolean downgraded = false;
        if (action == Action.REJECT) {
            Long customer = r.customerId() != null ? r.customerId() : customerOf(identity).orElse(null);
            if (hasOpenComplaint(customer)) {
                action = Action.HARASSMENT_QUEUE;
                downgraded = true;
            }
        }
        String queue = action == Action.HARASSMENT_QUEUE ? settings.harassmentQueue() : null;
        String message = action == Action.WARN_FIRST ? null : settings.automaticMessage();
        return new Decision(action, r.id(), queue, message, "/appeal/" + identities.appealToken(r.id()), downgraded);
    }

    // ----- appeals

    public Optional<Restriction> byAppealToken(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return store.restrictionByToken(Sha256.hex(token));
    }

    /** The restrictions on a portal customer (by account, or by a number or address matched to them). */
    public List<Restriction> ofCustomer(long customerId) {
        return store.restrictionsOfCustomer(customerId);
    }

    public List<Appeal> appealsOf(long restrictionId) {
        return store.appealsOf(restrictionId);
    }

    public List<Appeal> appeals(boolean openOnly) {
        return store.appeals(openOnly, 200);
    }

    public Appeal appeal(long id) {
        return store.appeal(id).orElseThrow(() -> KeptException.notFound("appeal", id));
    }

    /** The restricted party appeals (from the portal, or through the token in the automatic message). */
    @Transactional
    public Appeal appealFor(Restriction r, Long customerId, String text, String actor) {
        if (text == null || text.isBlank()) {
            throw KeptException.invalid("protection.appeal.text.required");
        }
        if (text.length() > 2000) {
            throw KeptException.invalid("protection.appeal.tooLong");
        }
        if (!"ACTIVE".equals(r.state()) && !"PENDING".equals(r.state())) {
            throw KeptException.conflict("protection.appeal.closed");
        }
        if (store.appealsOf(r.id()).stream().anyMatch(a -> "OPEN".equals(a.state()))) {
            throw KeptException.conflict("protection.appeal.open");
        }
        long id = store.insertAppeal(r.id(), customerId, text.strip(), clock.instant());
        events.publishEvent(new ProtectionChanged(actor, "protection.appeal", "restriction:" + r.id(), "appeal " + id));
        return appeal(id);
    }

    /** A portal customer's appeal on a restriction that is theirs (another's is not found). */
    @Transactional
    public Appeal appealAsCustomer(long restrictionId, String text, CurrentUser customer) {
        Restriction r = store.restriction(restrictionId).filter(x -> customer.customerId() != null
                && customer.customerId().equals(x.customerId())).orElseThrow(() -> KeptException.notFound("restriction", restrictionId));
        return appealFor(r, customer.customerId(), text, customer.username());
    }

    /** A lead decides: lift the restriction, or uphold it; the note is required either way. */
    @Transactional
    public Appeal decideAppeal(long id, boolean lift, String note, CurrentUser by) {
        Appeal a = appeal(id);
        if (note == null || note.isBlank()) {
            throw KeptException.invalid("protection.appeal.note");
        }
        if (!store.decideAppeal(id, lift ? "LIFTED" : "UPHELD", by.id(), note.strip(), clock.instant())) {
            throw KeptException.conflict("protection.appeal.decided");
        }
        if (lift) {
            Restriction r = get(a.restrictionId());
            store.decide(r.id(), r.state(), "LIFTED", null, "appeal " + id + ": " + note.strip(), clock.instant());
        }
        events.publishEvent(new ProtectionChanged(by.username(), lift ? "protection.appeal.lift" : "protection.appeal.uphold",
                "restriction:" + a.restrictionId(), "appeal " + id + ": " + note.strip()));
        return appeal(id);
    }

    // ----- evidence

    /** One contact of the evidence package. */
    public record EvidenceItem(long flagId, long contactId, String channel, String address, Long customerId, Long ticketId,
                               Instant startedAt, Instant endedAt, String level, String note, Instant warnedAt,
                               Instant contactEndedAt, String endReason, Instant flaggedAt, long agentId,
                               String recordingUri) {
    }

    /**
     * The evidence package for a referral to the police under the 12345 hotline rules (国办函〔2025〕66号): the flagged
     * contacts of a restriction, or of the period, with addresses in full, recordings' URIs, timestamps and notes.
     * Each export is audited with its reason.
     */
    @Transactional
    public List<EvidenceItem> evidencePackage(Long restrictionId, Instant from, Instant to, String reason, CurrentUser by) {
        if (reason == null || reason.isBlank()) {
            throw KeptException.invalid("protection.evidence.reason");
        }
        List<Flag> flags;
        if (restrictionId != null) {
            get(restrictionId);
            flags = store.flags(store.evidence(restrictionId));
        } else if (from != null && to != null && from.isBefore(to)) {
            flags = store.flagsBetween(from, to);
        } else {
            throw KeptException.invalid("protection.evidence.scope");
        }
        Recordings lookup = recordings.getIfAvailable();
        List<EvidenceItem> items = flags.stream().map(f -> {
            Contact c = contacts.find(f.contactId()).orElse(null);
            String uri = lookup == null ? null : lookup.uriOf(f.contactId()).orElse(null);
            return new EvidenceItem(f.id(), f.contactId(), f.channel(), c == null ? null : c.address(), f.customerId(),
                    f.ticketId(), c == null ? null : c.startedAt(), c == null ? null : c.endedAt(), f.level(), f.note(),
                    f.warnedAt(), f.endedAt(), f.endReason(), f.createdAt(), f.agentId(), uri);
        }).toList();
        events.publishEvent(new ProtectionChanged(by.username(), "protection.evidence.export",
                restrictionId != null ? "restriction:" + restrictionId : "period:" + from + "/" + to,
                items.size() + " contacts: " + reason.strip()));
        return items;
    }
}
