package org.kept.ticket.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kept.customer.CustomerSummary;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.Page;
import org.kept.ticket.CitingReplies;
import org.kept.ticket.NewTicket;
import org.kept.ticket.Priority;
import org.kept.ticket.RepeatContacts;
import org.kept.ticket.TicketFilter;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.TicketType;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tickets for agents and programs. */
@RestController
@Tag(name = "tickets")
class TicketController {

    private final Tickets tickets;
    private final Customers customers;
    private final Directory directory;
    private final RepeatContacts repeatContacts;
    private final org.springframework.beans.factory.ObjectProvider<org.kept.ticket.TicketDeadlines> deadlines;
    private final CitingReplies citing;
    private final org.kept.shared.Problems problems;
    private final org.springframework.context.MessageSource messages;
    private final org.kept.shared.CentreZone zone;

    TicketController(Tickets tickets, Customers customers, Directory directory, RepeatContacts repeatContacts,
                     org.springframework.beans.factory.ObjectProvider<org.kept.ticket.TicketDeadlines> deadlines,
                     CitingReplies citing, org.kept.shared.Problems problems, org.springframework.context.MessageSource messages,
                     org.kept.shared.CentreZone zone) {
        this.problems = problems;
        this.messages = messages;
        this.zone = zone;
        this.tickets = tickets;
        this.citing = citing;
        this.customers = customers;
        this.directory = directory;
        this.repeatContacts = repeatContacts;
        this.deadlines = deadlines;
    }

    @PostMapping("/api/v1/tickets")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Record a ticket",
            description = "With an Idempotency-Key header the same key and body return the same ticket (200 on replay), "
                    + "never a second one; the same key with a different body is refused with 422. handling: SELF (the "
                    + "caller handles it: assigned to the caller) or TEAM (submitted to teamId's queue); without it, "
                    + "teamId/assigneeId as given, and a ticket with neither goes to its category's team. A refused "
                    + "request lists every field's problem in errors [{field, message}].")
    ResponseEntity<TicketJson> create(@Valid @RequestBody TicketRequests.Create body,
                                      @Parameter(description = "Client-chosen key, up to 100 characters")
                                      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                      @AuthenticationPrincipal CurrentUser me) {
        NewTicket request = new NewTicket(body.type(), body.category(), body.channel(), body.priority(),
                body.subject(), body.description(), body.incidentTime(), body.incidentPlace(), body.peopleInvolved(),
                body.contactPhone(), body.customerId(), body.teamId(), body.assigneeId());
        if (body.handling() != null) {
            var missing = body.handling().problem(body.teamId());
            request = body.handling().applyTo(request, me);
            if (missing.isPresent()) {
                // every problem at once: the missing team and whatever else the request has wrong
                var all = new java.util.ArrayList<>(java.util.List.of(missing.get()));
                all.addAll(tickets.problems(request, me));
                throw org.kept.shared.KeptException.invalid(all);
            }
        }
        Tickets.Created created = tickets.create(request, me, idempotencyKey);
        TicketJson json = created.replayed() || created.customer() == null ? json(created.ticket(), me)
                : fresh(created.ticket(), created.customer(), me);
        return ResponseEntity.status(created.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/v1/tickets/" + json.id()))
                .header("Idempotent-Replayed", String.valueOf(created.replayed()))
                .body(json);
    }

    @GetMapping("/api/v1/tickets/{id}")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "One ticket")
    TicketJson get(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        return json(tickets.get(id), me);
    }

    @GetMapping("/api/v1/tickets")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "List tickets with filters, paging and sorting",
            description = "sort: priority (most urgent, then oldest; default), created, -created, -updated. "
                    + "q matches a ticket number or words of the subject (a caller without personal-data rights matches the subject as shown to them, phones and emails masked). Totals are capped at 1,000 (totalCapped tells); pages go 10,000 rows deep.")
    TicketJson.PageJson list(@RequestParam(required = false) Set<TicketState> state,
                             @RequestParam(required = false) Long team, @RequestParam(required = false) Long assignee,
                             @RequestParam(defaultValue = "false") boolean unassigned,
                             @RequestParam(required = false) TicketType type, @RequestParam(required = false) Priority priority,
                             @RequestParam(required = false) Long customer, @RequestParam(required = false) String q,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size,
                             @RequestParam(defaultValue = "priority") String sort, @AuthenticationPrincipal CurrentUser me) {
        Page<TicketSummary> result = tickets.list(new TicketFilter(state, team, assignee, unassigned, type, priority, customer,
                q, sort, me.seesPersonalData()), page, size);
        return page(result, me);
    }

    TicketJson.PageJson page(Page<TicketSummary> result, CurrentUser me) {
        Set<Long> ids = new HashSet<>();
        result.items().forEach(t -> ids.add(t.customerId()));
        Map<Long, CustomerSummary> names = customers.summaries(ids);
        return new TicketJson.PageJson(result.items().stream()
                .map(t -> TicketJson.row(t, names.get(t.customerId()), directory, me)).toList(),
                result.page(), result.size(), result.total(), result.totalCapped());
    }

    @GetMapping("/api/v1/tickets/{id}/timeline")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "The ticket's timeline: every change with who, when, old and new")
    List<TicketJson.Entry> timeline(@PathVariable long id, @AuthenticationPrincipal CurrentUser me,
                                    java.util.Locale locale) {
        tickets.get(id);
        return tickets.timeline(id).stream().map(e -> TicketJson.entry(e, me, messages, locale, zone.zone())).toList();
    }

    @PostMapping("/api/v1/tickets/{id}/replies")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Reply to the customer (public)",
            description = "With articleId and articleVersion the reply cites the knowledge-base article it was made from.")
    TicketJson reply(@PathVariable long id, @Valid @RequestBody TicketRequests.Reply body, @AuthenticationPrincipal CurrentUser me) {
        if (body.articleId() != null && body.articleVersion() != null) {
            return json(citing.reply(id, body.body(), body.version(), me, body.articleId(), body.articleVersion()), me);
        }
        return json(tickets.reply(id, body.body(), body.version(), me), me);
    }

    @PostMapping("/api/v1/tickets/{id}/notes")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Add an internal note (never shown to the customer)")
    TicketJson note(@PathVariable long id, @Valid @RequestBody TicketRequests.Text body, @AuthenticationPrincipal CurrentUser me) {
        return json(tickets.note(id, body.body(), body.version(), me), me);
    }

    @PostMapping("/api/v1/tickets/{id}/transitions")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Move the ticket to another state; version must be the one you read (409 if someone changed it)",
            description = "Resolving or closing a ticket with open promises needs a decision for each in `promises` "
                    + "(`{\"id\", \"outcome\": \"KEEP|KEPT|CANCEL\", \"reason\"}`; CANCEL needs a reason); without one the "
                    + "answer is a 409 problem whose `openPromises` lists them.")
    TicketJson transition(@PathVariable long id, @Valid @RequestBody TicketRequests.Transition body,
                          @AuthenticationPrincipal CurrentUser me) {
        return json(tickets.transition(id, body.to(), body.version(), me, body.decisions()), me);
    }

    /** The 409 for open promises lists them (text masked for roles without personal-data rights). */
    @org.springframework.web.bind.annotation.ExceptionHandler(org.kept.ticket.TicketPromises.Undecided.class)
    ResponseEntity<org.springframework.http.ProblemDetail> undecided(org.kept.ticket.TicketPromises.Undecided e,
                                                                    java.util.Locale locale,
                                                                    @AuthenticationPrincipal CurrentUser me) {
        org.springframework.http.ProblemDetail problem = problems.of(e, locale);
        boolean full = me != null && me.seesPersonalData();
        problem.setProperty("openPromises", e.open().stream().map(p -> full ? p
                : new org.kept.ticket.TicketPromises.Promise(p.id(), org.kept.shared.Masking.inText(p.promise()), p.due(),
                p.ownerId())).toList());
        return ResponseEntity.status(e.status()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @PutMapping("/api/v1/tickets/{id}/assignment")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Assign to a team and/or a person")
    TicketJson assign(@PathVariable long id, @Valid @RequestBody TicketRequests.Assignment body,
                      @AuthenticationPrincipal CurrentUser me) {
        return json(tickets.assign(id, body.teamId(), body.assigneeId(), body.version(), me), me);
    }

    @PutMapping("/api/v1/tickets/{id}/priority")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Change the priority")
    TicketJson priority(@PathVariable long id, @Valid @RequestBody TicketRequests.PriorityChange body,
                        @AuthenticationPrincipal CurrentUser me) {
        return json(tickets.changePriority(id, body.priority(), body.version(), me), me);
    }

    @PostMapping("/api/v1/tickets/{id}/merge")
    @PreAuthorize("hasAuthority('TICKET_MERGE')")
    @Operation(summary = "Close this ticket as a duplicate of another ticket of the same customer")
    TicketJson merge(@PathVariable long id, @Valid @RequestBody TicketRequests.Merge body, @AuthenticationPrincipal CurrentUser me) {
        return json(tickets.merge(id, body.into(), body.version(), me), me);
    }

    @PostMapping("/api/v1/tickets/{id}/reveal")
    @PreAuthorize("hasAnyAuthority('PII_REVEAL', 'PII_VIEW')")
    @Operation(summary = "Reveal the contact phone with a reason; the reveal is audited")
    Map<String, String> reveal(@PathVariable long id, @Valid @RequestBody TicketRequests.Reveal body,
                               @AuthenticationPrincipal CurrentUser me) {
        return Map.of("field", "contactPhone", "value", tickets.revealContactPhone(id, body.reason(), me));
    }

    @GetMapping("/api/v1/ticket-categories")
    @PreAuthorize("hasAnyAuthority('TICKET_READ', 'PORTAL')")
    @Operation(summary = "Configured ticket categories")
    List<Tickets.Category> categories() {
        return tickets.categories();
    }

    @GetMapping("/api/v1/customers/{id}/history")
    @PreAuthorize("hasAuthority('CUSTOMER_READ') and hasAuthority('TICKET_READ')")
    @Operation(summary = "Every ticket of a customer, newest first: a callback never has to ask what the complaint was")
    TicketJson.PageJson history(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        customers.get(id);
        List<TicketSummary> all = tickets.ofCustomer(id, 200);
        return page(new Page<>(all, 0, all.size(), all.size(), false), me);
    }

    /**
     * A ticket just recorded: its customer was read while checking the request and it has had no repeat contact yet,
     * so only its deadlines are read (two queries fewer per create).
     */
    private TicketJson fresh(TicketView t, CustomerSummary customer, CurrentUser me) {
        return json(t, customer, RepeatContacts.Counter.NONE, me);
    }

    private TicketJson json(TicketView t, CurrentUser me) {
        return json(t, customers.summaries(List.of(t.customerId())).get(t.customerId()), repeatContacts.counter(t.id()), me);
    }

    private TicketJson json(TicketView t, CustomerSummary customer, RepeatContacts.Counter contacts, CurrentUser me) {
        org.kept.ticket.TicketDeadlines clocks = deadlines.getIfAvailable();
        return TicketJson.of(t, customer, contacts, directory, me, clocks == null ? null : clocks.of(t.id()).orElse(null));
    }
}
