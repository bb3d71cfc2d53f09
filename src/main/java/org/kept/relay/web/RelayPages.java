package org.kept.relay.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.kept.relay.internal.Binding;
import org.kept.relay.internal.Counterparty;
import org.kept.relay.internal.RelayDesk;
import org.kept.relay.internal.PartyActions;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.kept.shared.Problems;
import org.kept.ticket.Tickets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ticket page's relay panel ("call the driver", "connect the customer", restrict the account): every form posts
 * back into the panel itself (its own hx-target), numbers masked for readers without PII_VIEW.
 */
@Controller
class RelayPages {

    private final RelayDesk relay;
    private final PartyActions restrictions;
    private final Tickets tickets;
    private final IdempotentRequests idempotency;
    private final Problems problems;
    private final Clock clock;

    RelayPages(RelayDesk relay, PartyActions restrictions, Tickets tickets, IdempotentRequests idempotency,
               Problems problems, Clock clock) {
        this.relay = relay;
        this.restrictions = restrictions;
        this.tickets = tickets;
        this.idempotency = idempotency;
        this.problems = problems;
        this.clock = clock;
    }

    /** A binding as the panel shows it: numbers masked per reader, the counterparty's name. */
    record BindingRow(Binding b, String party, String x, String a, String bNumber) {
    }

    record PartyRow(Counterparty c, String phone) {
    }

    @GetMapping("/console/tickets/{id}/relay")
    @PreAuthorize("hasAnyAuthority('RELAY_CALL', 'COUNTERPARTY_RESTRICT')")
    String panel(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
        return show(id, me, model);
    }

    @PostMapping("/console/tickets/{id}/relay/counterparties")
    @PreAuthorize("hasAuthority('RELAY_CALL')")
    String addCounterparty(@PathVariable long id, @RequestParam(required = false) String role,
                           @RequestParam(required = false) String accountRef, @RequestParam(required = false) String name,
                           @AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        return act(id, me, locale, model, "relay.counterparty.added", () -> relay.addCounterparty(id, role, accountRef, name, null, me));
    }

    @PostMapping("/console/tickets/{id}/relay/bindings")
    @PreAuthorize("hasAuthority('RELAY_CALL')")
    String bind(@PathVariable long id, @RequestParam(required = false) Long counterpartyId,
                @RequestParam(required = false) String caller, @RequestParam(required = false) String formKey,
                @AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        return act(id, me, locale, model, "relay.bound", () -> {
            if (counterpartyId == null) {
                throw KeptException.notFound("counterparty", "");
            }
            return idempotency.once(me.id(), formKey, "relay.bind.page", id + "|" + counterpartyId + "|" + caller,
                    () -> relay.bind(id, counterpartyId, caller, me).id());
        });
    }

    @PostMapping("/console/relay/bindings/{id}/release")
    @PreAuthorize("hasAuthority('RELAY_CALL')")
    String release(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        Binding b = relay.binding(id);
        return act(b.ticketId(), me, locale, model, "relay.released", () -> {
            if (!relay.release(id, me)) {
                throw new KeptException(org.springframework.http.HttpStatus.BAD_GATEWAY, "relay.provider.refused", "unbind");
            }
            return id;
        });
    }

    @PostMapping("/console/relay/bindings/{id}/reveal")
    @PreAuthorize("hasAnyAuthority('PII_REVEAL', 'PII_VIEW')")
    String reveal(@PathVariable long id, @RequestParam(required = false) String reason,
                  @AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        Binding b = relay.binding(id);
        try {
            model.addAttribute("revealed", relay.reveal(id, reason, me));
            model.addAttribute("revealedId", id);
        } catch (KeptException e) {
            model.addAttribute("alert", problems.sentence(e, locale));
        }
        return show(b.ticketId(), me, model);
    }

    @PostMapping("/console/tickets/{id}/relay/restrictions")
    @PreAuthorize("hasAuthority('COUNTERPARTY_RESTRICT')")
    String restrict(@PathVariable long id, @RequestParam(required = false) Long counterpartyId,
                    @RequestParam(required = false) String reason, @RequestParam(required = false) Integer days,
                    @RequestParam(required = false) String formKey, @AuthenticationPrincipal CurrentUser me, Locale locale,
                    Model model) {
        return act(id, me, locale, model, "relay.restricted", () -> {
            if (counterpartyId == null) {
                throw KeptException.notFound("counterparty", "");
            }
            var until = clock.instant().plus(Duration.ofDays(days == null ? 0 : days));
            return idempotency.once(me.id(), formKey, "relay.restrict.page", id + "|" + counterpartyId + "|" + reason + "|" + days,
                    () -> restrictions.restrict(id, counterpartyId, reason, until, me).id());
        });
    }

    @PostMapping("/console/relay/restrictions/{id}/lift")
    @PreAuthorize("hasAuthority('COUNTERPARTY_RESTRICT')")
    String lift(@PathVariable long id, @RequestParam(required = false) String note,
                @AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        var r = restrictions.restriction(id);
        return act(r.ticketId(), me, locale, model, "relay.lifted", () -> {
            if (!restrictions.lift(id, note, me)) {
                throw new KeptException(org.springframework.http.HttpStatus.BAD_GATEWAY, "relay.platform.refused", "lift");
            }
            return id;
        });
    }

    private String act(long ticketId, CurrentUser me, Locale locale, Model model, String done, java.util.function.Supplier<Object> work) {
        try {
            work.get();
            model.addAttribute("notice", problems.message(done, locale));
        } catch (KeptException e) {
            model.addAttribute("alert", problems.sentence(e, locale));
        }
        return show(ticketId, me, model);
    }

    private String show(long id, CurrentUser me, Model model) {
        var ticket = tickets.get(id);
        List<Counterparty> parties = relay.counterparties(id);
        Map<Long, Counterparty> byId = parties.stream().collect(Collectors.toMap(Counterparty::id, Function.identity()));
        model.addAttribute("ticketId", id);
        model.addAttribute("parties", parties.stream().map(c -> new PartyRow(c, RelayJson.phone(c.phone(), me))).toList());
        model.addAttribute("bindings", relay.bindings(id).stream().map(b -> new BindingRow(b,
                name(byId.get(b.counterpartyId())), RelayJson.phone(b.secretNo(), me), RelayJson.phone(b.phoneA(), me),
                RelayJson.phone(b.phoneB(), me))).toList());
        model.addAttribute("calls", relay.calls(id));
        model.addAttribute("restrictions", restrictions.restrictions(id).stream().map(r -> Map.of("r", r, "party",
                name(byId.get(r.counterpartyId())), "reason", me.seesPersonalData() ? r.reason() : Masking.inText(r.reason())))
                .toList());
        model.addAttribute("active", ticket.state().isActive());
        model.addAttribute("restrictable", restrictions.restrictable(ticket));
        model.addAttribute("mayCall", me.can(Permission.RELAY_CALL));
        model.addAttribute("mayRestrict", me.can(Permission.COUNTERPARTY_RESTRICT));
        model.addAttribute("mayReveal", me.can(Permission.PII_REVEAL) && !me.seesPersonalData());
        model.addAttribute("roles", Counterparty.ROLES);
        model.addAttribute("formKey", UUID.randomUUID().toString());
        return "relay/panel :: panel";
    }

    private static String name(Counterparty c) {
        if (c == null) {
            return "";
        }
        return c.displayName() == null ? c.accountRef() : c.displayName() + " (" + c.accountRef() + ")";
    }
}
