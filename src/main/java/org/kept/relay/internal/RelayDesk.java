package org.kept.relay.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kept.customer.PhoneNumbers;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.SystemAccount;
import org.kept.relay.RelayAudited;
import org.kept.relay.RelayEntry;
import org.kept.shared.KeptException;
import org.kept.shared.LocalText;
import org.kept.shared.Masking;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * 隐私号: binds a ticket's counterparty and the caller (the centre's line, or the customer) behind an X number, takes
 * the provider's call reports onto the ticket, and releases bindings by hand, when the case ends or at expiry. Every
 * bind, unbind and reveal is audited; numbers leave this class masked unless a reveal asked for them.
 */
@Component
public class RelayDesk {

    static final String SYSTEM = "kept-relay";

    private final RelayStore store;
    private final Map<String, NumberProvider> providers;
    private final PlatformAccounts platform;
    private final RelaySettings settings;
    private final Tickets tickets;
    private final ApplicationEventPublisher events;
    private final SystemAccount system;
    private final Clock clock;

    RelayDesk(RelayStore store, List<NumberProvider> providers, PlatformAccounts platform, RelaySettings settings,
              Tickets tickets, ApplicationEventPublisher events, Directory directory, Clock clock) {
        this.store = store;
        this.providers = providers.stream().collect(Collectors.toMap(NumberProvider::code, Function.identity()));
        this.platform = platform;
        this.settings = settings;
        this.tickets = tickets;
        this.events = events;
        this.system = new SystemAccount(directory, SYSTEM, "Kept Relay", "RL",
                EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE));
        this.clock = clock;
    }

    /** The numbers of a binding in full, after an audited reveal. */
    public record Revealed(String phoneA, String phoneB, String secretNo) {
    }

    /** Names the ticket's counterparty by the platform's account; the same account again is the same counterparty. */
    @Transactional
    public Counterparty addCounterparty(long ticketId, String role, String accountRef, String name, String phone,
                                        CurrentUser by) {
        tickets.get(ticketId);
        if (role == null || !Counterparty.ROLES.contains(role)) {
            throw KeptException.invalid(List.of(new KeptException.Field("role", "relay.error.role")));
        }
        if (accountRef == null || accountRef.isBlank() || accountRef.strip().length() > 100) {
            throw KeptException.invalid(List.of(new KeptException.Field("accountRef", "relay.error.account")));
        }
        String e164 = null;
        if (phone != null && !phone.isBlank()) {
            e164 = PhoneNumbers.parse(phone).orElseThrow(() -> KeptException.invalid(List.of(
                    new KeptException.Field("phone", "relay.error.phone"))));
        }
        String ref = accountRef.strip();
        Optional<Counterparty> known = store.counterpartyByRef(ticketId, ref);
        if (known.isPresent()) {
            return known.get();
        }
        String shown = name == null || name.isBlank() ? null : name.strip().substring(0, Math.min(100, name.strip().length()));
        long id = store.addCounterparty(ticketId, role, ref, shown, e164, by.id(), clock.instant());
        return store.counterparty(id).orElseThrow();
    }

    /**
     * Binds A and the counterparty behind an X number; a live binding for the same counterparty and caller is answered
     * again instead of a second one (a double click, a retry). Refused when the case has ended.
     */
    @Transactional
    public Binding bind(long ticketId, long counterpartyId, String caller, CurrentUser by) {
        TicketView ticket = tickets.get(ticketId);
        if (!ticket.state().isActive()) {
            throw KeptException.conflict("relay.ticketEnded");
        }
        Counterparty party = store.counterparty(counterpartyId).filter(c -> c.ticketId() == ticketId)
                .orElseThrow(() -> KeptException.notFound("counterparty", counterpartyId));
        if (!"AGENT".equals(caller) && !"CUSTOMER".equals(caller)) {
            throw KeptException.invalid(List.of(new KeptException.Field("caller", "relay.error.caller")));
        }
        Instant now = clock.instant();
        Optional<Binding> live = store.liveBinding(counterpartyId, caller, now);
        if (live.isPresent()) {
            return live.get();
        }
        String phoneB = party.phone();
        if (phoneB == null) {
            try {
                phoneB = platform.phoneOf(party.accountRef()).orElseThrow(() -> KeptException.conflict("relay.noPhone"));
            } catch (PlatformAccounts.PlatformRefused e) {
                throw new KeptException(HttpStatus.BAD_GATEWAY, "relay.platform.refused", e.getMessage());
            }
            store.rememberPhone(party.id(), phoneB);
        }
        String phoneA = caller.equals("AGENT") ? settings.centreLine() : ticket.contactPhone();
        if (phoneA == null || phoneA.isBlank()) {
            throw KeptException.conflict("relay.noCustomerPhone");
        }
        NumberProvider provider = provider(settings.provider());
        Instant expires = now.plus(settings.ttl());
        NumberProvider.Bound bound;
        try {
            bound = provider.bind(new NumberProvider.BindOrder(ticketId, phoneA, phoneB, expires, true,
                    settings.maxCallMinutes()));
        } catch (NumberProvider.ProviderRefused e) {
            throw new KeptException(HttpStatus.BAD_GATEWAY, "relay.provider.refused", e.getMessage());
        }
        long id = store.insertBinding(new Binding(0, ticketId, counterpartyId, caller, provider.code(), bound.poolKey(),
                phoneA, phoneB, bound.secretNo(), bound.subsId(), true, "BOUND", expires, by.id(), now, null, null));
        Binding b = store.binding(id).orElseThrow();
        tickets.annotate(ticket, new RelayEntry.Bound(id, Masking.phone(b.secretNo()), LocalText.of(
                "relay.timeline.bound." + caller, Masking.phone(b.secretNo()), party.role(), party.accountRef(),
                expires.toString()).stored()), by);
        events.publishEvent(new RelayAudited(by.username(), "relay.bind", "ticket:" + ticket.number(), describe(b)));
        return b;
    }

    /** Releases a binding by hand; false when the provider did not answer (the scheduled pass tries again). */
    public boolean release(long bindingId, CurrentUser by) {
        Binding b = binding(bindingId);
        if (!b.live()) {
            return true;
        }
        return unbind(b, "BY_HAND", by);
    }

    /** The numbers in full, for someone with PII_REVEAL or PII_VIEW and a reason; audited. */
    @Transactional
    public Revealed reveal(long bindingId, String reason, CurrentUser by) {
        if (!by.can(Permission.PII_REVEAL) && !by.can(Permission.PII_VIEW)) {
            throw KeptException.forbidden("relay.reveal.notAllowed");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw KeptException.invalid(List.of(new KeptException.Field("reason", "relay.error.revealReason")));
        }
        Binding b = binding(bindingId);
        events.publishEvent(new RelayAudited(by.username(), "relay.reveal", "relay-binding:" + b.id(),
                "ticket " + b.ticketId() + ": " + reason.strip()));
        return new Revealed(b.phoneA(), b.phoneB(), b.secretNo());
    }

    public Binding binding(long id) {
        return store.binding(id).orElseThrow(() -> KeptException.notFound("binding", id));
    }

    public List<Counterparty> counterparties(long ticketId) {
        return store.counterparties(ticketId);
    }

    public List<Binding> bindings(long ticketId) {
        return store.bindings(ticketId);
    }

    public List<RelayCall> calls(long ticketId) {
        return store.calls(ticketId);
    }

    public Optional<Counterparty> counterparty(long id) {
        return store.counterparty(id);
    }

    /**
     * A provider's push of call reports: empty when the provider is unknown, false when the push is not genuine,
     * true when taken (each call once, by the provider's call id; calls of bindings we do not know are dropped).
     */
    @Transactional
    public Optional<Boolean> report(String providerCode, Map<String, String> headers, String body) {
        NumberProvider provider = providers.get(providerCode.toUpperCase(java.util.Locale.ROOT));
        if (provider == null) {
            return Optional.empty();
        }
        var reports = provider.reports(headers, body);
        if (reports.isEmpty()) {
            return Optional.of(false);
        }
        Instant now = clock.instant();
        for (NumberProvider.CallReport r : reports.get()) {
            if (r.callId().isBlank()) {
                continue;
            }
            Optional<Binding> b = store.bindingBySubs(provider.code(), r.subsId());
            if (b.isEmpty()) {
                continue;
            }
            Optional<Long> stored = store.insertCall(b.get(), r, now);
            if (stored.isPresent()) {
                RelayCall call = store.calls(b.get().ticketId()).stream().filter(c -> c.id() == stored.get()).findFirst()
                        .orElseThrow();
                tickets.annotate(b.get().ticketId(), new RelayEntry.Called(call.id(), call.direction(),
                        Long.toString(call.seconds()), LocalText.of("relay.timeline.call." + call.direction(),
                                call.seconds(), call.recordUrl() == null ? "-" : call.recordUrl()).cut(1000).stored()),
                        system.get());
            }
        }
        return Optional.of(true);
    }

    public String acknowledge(String providerCode) {
        NumberProvider provider = providers.get(providerCode.toUpperCase(java.util.Locale.ROOT));
        return provider == null ? "" : provider.acknowledge();
    }

    /** The case ended: its live bindings are marked, in the ticket's transaction, and released right after. */
    void caseEnded(long ticketId) {
        store.markReleasing(ticketId, "CASE_CLOSED");
    }

    /** Releases what is marked or expired; answers how many were released. */
    public int releaseDue() {
        int done = 0;
        for (Binding b : store.releaseDue(clock.instant(), 100)) {
            String reason = b.state().equals("RELEASING") && b.releaseReason() != null ? b.releaseReason() : "EXPIRED";
            if (unbind(b, reason, system.get())) {
                done++;
            }
        }
        return done;
    }

    private boolean unbind(Binding b, String reason, CurrentUser by) {
        NumberProvider provider = provider(b.provider());
        if (!provider.unbind(b.subsId(), b.secretNo(), b.poolKey())) {
            return false;
        }
        if (store.released(b.id(), reason, clock.instant())) {
            tickets.annotate(b.ticketId(), new RelayEntry.Released(b.id(), reason, LocalText.of("relay.timeline.released."
                    + reason, Masking.phone(b.secretNo())).stored()), by);
            events.publishEvent(new RelayAudited(by.username(), "relay.unbind", "relay-binding:" + b.id(),
                    reason + "; " + describe(b)));
        }
        return true;
    }

    private NumberProvider provider(String code) {
        NumberProvider p = providers.get(code);
        if (p == null) {
            throw new KeptException(HttpStatus.BAD_GATEWAY, "relay.provider.unknown", code);
        }
        return p;
    }

    private static String describe(Binding b) {
        return "binding " + b.id() + " " + b.provider() + " " + b.caller() + " X=" + Masking.phone(b.secretNo()) + " A="
                + Masking.phone(b.phoneA()) + " B=" + Masking.phone(b.phoneB()) + " until " + b.expiresAt();
    }
}
