package org.kept.ticket.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.identity.ReportScope;
import org.kept.identity.Directory;
import org.kept.shared.CentreZone;
import org.kept.shared.IdempotentResponses;
import org.kept.shared.KeptException;
import org.kept.ticket.Channel;
import org.kept.ticket.Priority;
import org.kept.ticket.RepeatContacts;
import org.kept.ticket.TicketState;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Repeat contacts: the open tickets a new contact may be about, linking it to one, and the repeat-contact rates. */
@RestController
@Tag(name = "tickets")
class RepeatContactController {

    private final RepeatContacts repeatContacts;
    private final Customers customers;
    private final Directory directory;
    private final CentreZone centre;
    private final Clock clock;

    private final org.springframework.beans.factory.ObjectProvider<org.kept.ticket.TicketDeadlines> deadlines;

    RepeatContactController(RepeatContacts repeatContacts, Customers customers,
                            Directory directory, CentreZone centre, Clock clock,
                            org.springframework.beans.factory.ObjectProvider<org.kept.ticket.TicketDeadlines> deadlines) {
        this.deadlines = deadlines;
        this.repeatContacts = repeatContacts;
        this.customers = customers;
        this.directory = directory;
        this.centre = centre;
        this.clock = clock;
    }

    /** A proposed ticket: score 0..1, the shared words, same category, age in days. */
    record MatchJson(long id, String number, String subject, TicketState state, Priority priority, double score,
                     List<String> sharedTerms, boolean sameCategory, long ageDays, double meaning) {
    }

    record Contact(Channel channel, @Size(max = 2000) String note) {
    }

    record TeamRateJson(Long teamId, String team, long tickets, long ticketsWithRepeatContacts, double rate,
                        long repeatContacts) {
    }

    record ReportJson(LocalDate from, LocalDate to, String timeZone, List<TeamRateJson> teams, TeamRateJson total) {
    }

    @GetMapping("/api/v1/customers/{id}/open-matches")
    @PreAuthorize("hasAuthority('CUSTOMER_READ') and hasAuthority('TICKET_READ')")
    @Operation(summary = "The customer's open tickets a new contact may be about, best first",
            description = "Scored on what the texts mean (sentence embeddings, `meaning` 0..1) joined with the Chinese "
                    + "character bigrams and words shared with subject and description, the same category and recency. "
                    + "Closed and resolved tickets are never proposed.")
    List<MatchJson> matches(@PathVariable long id, @RequestParam(required = false) String text,
                            @RequestParam(required = false) String category,
                            @RequestParam(defaultValue = "5") int limit, @AuthenticationPrincipal CurrentUser me) {
        customers.get(id);
        boolean full = me.seesPersonalData();
        return repeatContacts.openMatches(id, text, category, limit, full).stream().map(m -> new MatchJson(m.ticket().id(),
                m.ticket().number(), m.ticket().subject(), m.ticket().state(),
                m.ticket().priority(), m.score(), m.sharedTerms(), m.sameCategory(), m.ageDays(), m.meaning())).toList();
    }

    @PostMapping("/api/v1/tickets/{id}/repeat-contacts")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Record that the customer contacted us again about this open ticket",
            description = "Increments the counter (repeatContacts, contactCount), adds a REPEAT_CONTACT entry to the "
                    + "timeline and raises the priority one step (never lowers it). A closed or resolved ticket is 422 "
                    + "and is not reopened. With an Idempotency-Key a retry records nothing twice (200 on replay).")
    ResponseEntity<TicketJson> link(@PathVariable long id, @Valid @RequestBody(required = false) Contact body,
                                    @Parameter(description = "Client-chosen key, up to 100 characters")
                                    @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                    @AuthenticationPrincipal CurrentUser me) {
        Contact contact = body == null ? new Contact(null, null) : body;
        RepeatContacts.Linked linked = repeatContacts.link(id, contact.channel(), contact.note(), me, idempotencyKey);
        TicketJson json = TicketJson.of(linked.ticket(), customers.summaries(List.of(linked.ticket().customerId()))
                .get(linked.ticket().customerId()), linked.counter(), directory, me,
                deadlines.getIfAvailable() == null ? null : deadlines.getIfAvailable().of(id).orElse(null));
        return IdempotentResponses.created("/api/v1/tickets/" + id + "/timeline", linked.replayed(), json);
    }

    @GetMapping("/api/v1/reports/repeat-contacts")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    @Operation(summary = "Repeat-contact rate per team for tickets created from..to (days in the centre's zone, both included)",
            description = "Default: the last 30 days. rate = tickets contacted again / tickets. Readers without "
                    + "REPORT_ALL_TEAMS (team leads) get their own team only; another team is 403.")
    ReportJson report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                      @RequestParam(required = false) Long team, @AuthenticationPrincipal CurrentUser me) {
        ReportScope scope = ReportScope.of(me, team);
        LocalDate last = to != null ? to : LocalDate.now(clock.withZone(centre.zone()));
        LocalDate first = from != null ? from : last.minusDays(29);
        if (first.isAfter(last)) {
            throw KeptException.invalid("ticket.repeat.period");
        }
        OffsetDateTime start = first.atStartOfDay(centre.zone()).toOffsetDateTime();
        OffsetDateTime end = last.plusDays(1).atStartOfDay(centre.zone()).toOffsetDateTime();
        List<RepeatContacts.TeamRate> rates = repeatContacts.report(start, end).stream()
                .filter(r -> scope.shows(r.teamId())).toList();
        List<TeamRateJson> teams = rates.stream().map(r -> json(r.teamId(), r)).toList();
        RepeatContacts.TeamRate total = new RepeatContacts.TeamRate(null,
                rates.stream().mapToLong(RepeatContacts.TeamRate::tickets).sum(),
                rates.stream().mapToLong(RepeatContacts.TeamRate::ticketsWithRepeats).sum(),
                rates.stream().mapToLong(RepeatContacts.TeamRate::repeatContacts).sum());
        return new ReportJson(first, last, centre.zone().getId(), teams, json(null, total));
    }

    private TeamRateJson json(Long teamId, RepeatContacts.TeamRate r) {
        String name = teamId == null ? null : directory.team(teamId).map(t -> t.name()).orElse("#" + teamId);
        return new TeamRateJson(teamId, name, r.tickets(), r.ticketsWithRepeats(), Math.round(r.rate() * 10000) / 10000.0,
                r.repeatContacts());
    }
}
