package org.kept.calendar.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.kept.calendar.BusinessCalendar;
import org.kept.calendar.internal.CalendarDesk;
import org.kept.identity.CurrentUser;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.IdempotentResponses;
import org.kept.shared.KeptException;
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

/** Business calendars: administrators define them, everyone who works tickets or reads reports can compute with them. */
@RestController
@Tag(name = "calendars")
class CalendarApi {

    /** Ten years of minutes: more is a mistake, not a target. */
    static final long MAX_MINUTES = 10L * 366 * 24 * 60;

    private final CalendarDesk book;
    private final Clock clock;

    CalendarApi(CalendarDesk book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    @PostMapping("/api/v1/calendars")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "Create a calendar",
            description = "Bad input (unknown zone or day, from >= to, overlapping periods, bad dates, no working time) "
                    + "is a 422 and nothing is stored. With an Idempotency-Key the same key and body return the same "
                    + "calendar (200 on replay).")
    ResponseEntity<CalendarJson> create(@RequestBody CalendarJson.Request body,
                                        @Parameter(description = "Client-chosen key, up to 100 characters")
                                        @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                        @AuthenticationPrincipal CurrentUser me) {
        IdempotentRequests.Outcome outcome = book.create(body.definition(), me, idempotencyKey);
        return IdempotentResponses.created("/api/v1/calendars/" + outcome.id(), outcome.replayed(),
                CalendarJson.of(book.get(outcome.id())));
    }

    @GetMapping("/api/v1/calendars")
    @PreAuthorize("hasAnyAuthority('TICKET_READ', 'REPORT_READ', 'SLA_ADMIN')")
    @Operation(summary = "Every calendar, by name")
    List<CalendarJson> list() {
        return book.list().stream().map(CalendarJson::of).toList();
    }

    @GetMapping("/api/v1/calendars/{id}")
    @PreAuthorize("hasAnyAuthority('TICKET_READ', 'REPORT_READ', 'SLA_ADMIN')")
    @Operation(summary = "One calendar")
    CalendarJson get(@PathVariable long id) {
        return CalendarJson.of(book.get(id));
    }

    @PutMapping("/api/v1/calendars/{id}")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "Replace a calendar's definition; version must be the one you read (409 if someone changed it)")
    CalendarJson update(@PathVariable long id, @RequestBody CalendarJson.Request body, @AuthenticationPrincipal CurrentUser me) {
        if (body.version() == null) {
            throw KeptException.invalid("calendar.version");
        }
        return CalendarJson.of(book.update(id, body.definition(), body.version(), me));
    }

    @GetMapping("/api/v1/calendars/{id}/due")
    @PreAuthorize("hasAnyAuthority('TICKET_READ', 'REPORT_READ', 'SLA_ADMIN')")
    @Operation(summary = "When a target of so many working minutes, started at start, falls due",
            description = "start: ISO-8601 with an offset (default now). The answer is in the calendar's time zone. "
                    + "0 minutes is due at start itself; calendar 0 is the built-in 24×7 calendar of the centre's zone.")
    CalendarJson.Due due(@PathVariable long id, @RequestParam(required = false) String start, @RequestParam long minutes) {
        if (minutes < 0 || minutes > MAX_MINUTES) {
            throw KeptException.invalid("calendar.minutes", MAX_MINUTES);
        }
        BusinessCalendar calendar = book.find(id).orElseThrow(() -> KeptException.notFound("calendar", id));
        Instant from = start == null ? clock.instant() : instant(start);
        Instant due = calendar.addMinutes(from, minutes);
        return new CalendarJson.Due(format(due, calendar), format(from, calendar), minutes, id);
    }

    static String format(Instant at, BusinessCalendar calendar) {
        return OffsetDateTime.ofInstant(at, calendar.timeZone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static Instant instant(String text) {
        try {
            // an unencoded + in a query string arrives as a space
            return OffsetDateTime.parse(text.replace(' ', '+').strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw KeptException.invalid("calendar.start", text);
        }
    }
}
