package org.kept.ticket.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.ticket.Channel;
import org.kept.ticket.NewTicket;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** A customer's own tickets: submit, follow the real status, reply. Internal notes never appear here. */
@RestController
@Tag(name = "portal")
class PortalTicketController {

    private final Tickets tickets;
    private final org.springframework.beans.factory.ObjectProvider<org.kept.ticket.TicketDeadlines> deadlines;

    PortalTicketController(Tickets tickets,
                           org.springframework.beans.factory.ObjectProvider<org.kept.ticket.TicketDeadlines> deadlines) {
        this.tickets = tickets;
        this.deadlines = deadlines;
    }

    @GetMapping("/api/v1/portal/tickets")
    @PreAuthorize("hasAuthority('PORTAL')")
    @Operation(summary = "My tickets, newest first")
    List<PortalTicket> mine(@AuthenticationPrincipal CurrentUser me) {
        return tickets.ofCustomer(me.customerId(), 200).stream().map(PortalTicket::of).toList();
    }

    @PostMapping("/api/v1/portal/tickets")
    @PreAuthorize("hasAuthority('PORTAL')")
    @Operation(summary = "Submit a ticket as a customer; honours Idempotency-Key like the agent API")
    ResponseEntity<PortalTicket> submit(@Valid @RequestBody TicketRequests.PortalCreate body,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                        @AuthenticationPrincipal CurrentUser me) {
        Tickets.Created created = tickets.create(new NewTicket(body.type(), body.category(), Channel.PORTAL, null, body.subject(),
                body.description(), body.incidentTime(), body.incidentPlace(), null, body.contactPhone(), me.customerId(),
                null, null), me, idempotencyKey);
        return ResponseEntity.status(created.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(PortalTicket.of(created.ticket()));
    }

    @GetMapping("/api/v1/portal/tickets/{id}")
    @PreAuthorize("hasAuthority('PORTAL')")
    @Operation(summary = "One of my tickets with its public timeline")
    PortalDetail one(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        TicketView t = own(id, me);
        return new PortalDetail(PortalTicket.of(t), t.description(), expectedBy(t), tickets.timeline(id).stream()
                .filter(e -> e.publicToCustomer())
                .map(e -> new PortalEntry(e.id(), e.kind(), e.at(), e.newValue(), e.body()))
                .toList());
    }

    @PostMapping("/api/v1/portal/tickets/{id}/replies")
    @PreAuthorize("hasAuthority('PORTAL')")
    @Operation(summary = "Write to the centre about one of my tickets")
    PortalTicket reply(@PathVariable long id, @Valid @RequestBody TicketRequests.Text body, @AuthenticationPrincipal CurrentUser me) {
        own(id, me);
        return PortalTicket.of(tickets.reply(id, body.body(), body.version(), me));
    }

    /** The real date the customer can expect an answer: the resolution deadline (none while waiting on them). */
    private java.time.Instant expectedBy(TicketView t) {
        org.kept.ticket.TicketDeadlines clocks = deadlines.getIfAvailable();
        if (clocks == null || !t.state().isActive()) {
            return null;
        }
        return clocks.of(t.id()).map(org.kept.ticket.TicketDeadlines.Deadlines::resolutionDue).orElse(null);
    }

    private TicketView own(long id, CurrentUser me) {
        // another customer's ticket is "not found", so ticket ids cannot be probed
        return tickets.find(id).filter(t -> me.customerId() != null && t.customerId() == me.customerId())
                .orElseThrow(() -> KeptException.notFound("ticket", id));
    }

    record PortalTicket(long id, String number, String type, String state, String subject, java.time.OffsetDateTime createdAt,
                        java.time.OffsetDateTime updatedAt) {
        static PortalTicket of(TicketView t) {
            return new PortalTicket(t.id(), t.number(), t.type().name(), t.state().name(), t.subject(), t.createdAt(), t.updatedAt());
        }

        static PortalTicket of(TicketSummary t) {
            return new PortalTicket(t.id(), t.number(), t.type().name(), t.state().name(), t.subject(), t.createdAt(), t.updatedAt());
        }
    }

    record PortalDetail(PortalTicket ticket, String description, java.time.Instant expectedBy,
                        List<PortalEntry> timeline) {
    }

    /**
     * A timeline entry as the portal page shows it: what happened, when, the new state and the message; never who
     * in the centre did it (the page says "customer service") nor the old value.
     */
    record PortalEntry(long id, String kind, java.time.OffsetDateTime at, String newValue, String body) {
    }
}
