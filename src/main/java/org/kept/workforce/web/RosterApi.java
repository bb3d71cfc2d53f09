package org.kept.workforce.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kept.identity.CurrentUser;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.IdempotentResponses;
import org.kept.shared.KeptException;
import org.kept.workforce.ShiftView;
import org.kept.workforce.Skill;
import org.kept.workforce.internal.RosterDesk;
import org.kept.workforce.internal.RosterStore;
import org.kept.workforce.internal.roster.Coverage;
import org.kept.workforce.internal.roster.RosterRules;
import org.kept.workforce.internal.roster.ShiftType;
import org.springframework.format.annotation.DateTimeFormat;
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

/** Rosters (排班) for planners; every staff member's own shifts and availability. */
@RestController
@Tag(name = "workforce")
class RosterApi {

    private final RosterDesk rosters;
    private final IdempotentRequests keyed;

    RosterApi(RosterDesk rosters, IdempotentRequests keyed) {
        this.rosters = rosters;
        this.keyed = keyed;
    }

    @PostMapping("/api/v1/workforce/rosters")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    @Operation(summary = "A new roster for a period from the forecast's required agents; members are the given users "
            + "(with optional skills) or the team's front-line staff",
            description = "With an Idempotency-Key the same key and body return the same roster (200, Idempotent-Replayed: "
                    + "true) and make no second one; the same key with another body is a 422.")
    ResponseEntity<Map<String, Object>> create(@RequestBody NewRoster request,
                                               @Parameter(description = "Client-chosen key, up to 100 characters")
                                               @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                               @AuthenticationPrincipal CurrentUser me) {
        if (request.startsOn() == null) {
            throw KeptException.invalid("workforce.roster.days", 35);
        }
        Map<Long, Set<Skill>> skills = new HashMap<>();
        if (request.skills() != null) {
            request.skills().forEach((user, list) -> skills.put(user, list.isEmpty() ? EnumSet.noneOf(Skill.class) : EnumSet.copyOf(list)));
        }
        RosterRules rules = RosterRules.of(request.minRestHours(), request.maxWorkDaysPerWeek(), request.maxWeekHours(),
                request.overtimeMonthHours());
        IdempotentRequests.Outcome made = keyed.once(me.id(), idempotencyKey, "workforce.roster.create", request.toString(),
                () -> rosters.create(request.name(), request.teamId(), request.startsOn(),
                        request.days() == null ? 28 : request.days(), request.memberIds(), skills, rules,
                        request.shrinkage() == null ? 0 : request.shrinkage(), me.id()));
        return IdempotentResponses.created("/api/v1/workforce/rosters/" + made.id(), made.replayed(), view(rosters.get(made.id())));
    }

    @GetMapping("/api/v1/workforce/rosters/{id}")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    @Operation(summary = "A roster's state, solving progress, score, share of intervals covered and its shifts")
    Map<String, Object> get(@PathVariable long id) {
        RosterStore.RosterRow roster = rosters.get(id);
        Map<String, Object> body = view(roster);
        body.put("shifts", rosters.shifts(id));
        return body;
    }

    @PostMapping("/api/v1/workforce/rosters/{id}/solve")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    @Operation(summary = "Solve in the background for up to `seconds` (default 30); poll the roster for progress",
            description = "With an Idempotency-Key a retry answers with the roster's current state and starts no second "
                    + "solve (Idempotent-Replayed: true).")
    ResponseEntity<Map<String, Object>> solve(@PathVariable long id, @RequestParam(defaultValue = "30") int seconds,
                                              @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                              @AuthenticationPrincipal CurrentUser me) {
        IdempotentRequests.Outcome done = keyed.once(me.id(), idempotencyKey, "workforce.roster.solve", id + ";" + seconds,
                () -> {
                    rosters.solve(id, seconds);
                    return id;
                });
        return ResponseEntity.accepted().header("Idempotent-Replayed", String.valueOf(done.replayed())).body(view(rosters.get(id)));
    }

    @PostMapping("/api/v1/workforce/rosters/{id}/publish")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    @Operation(summary = "Publish a solved roster: agents see their shifts and on-shift checks follow it",
            description = "Publishing twice is a 409; with an Idempotency-Key a retry answers 200 (Idempotent-Replayed: true).")
    ResponseEntity<Map<String, Object>> publish(@PathVariable long id,
                                                @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                                @AuthenticationPrincipal CurrentUser me) {
        IdempotentRequests.Outcome done = keyed.once(me.id(), idempotencyKey, "workforce.roster.publish", String.valueOf(id),
                () -> {
                    rosters.publish(id, me);
                    return id;
                });
        return ResponseEntity.ok().header("Idempotent-Replayed", String.valueOf(done.replayed())).body(view(rosters.get(id)));
    }

    @PostMapping("/api/v1/workforce/rosters/{id}/versions")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    @Operation(summary = "Start a new version of a published roster (same people, period, rules and requirement), as a draft",
            description = "Solve it, then publish it: publishing replaces the published roster, which becomes SUPERSEDED "
                    + "(kept, audited). Only a PUBLISHED roster gets a new version (409 otherwise). With an "
                    + "Idempotency-Key a retry returns the same draft (Idempotent-Replayed: true).")
    ResponseEntity<Map<String, Object>> newVersion(@PathVariable long id,
                                                   @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                                   @AuthenticationPrincipal CurrentUser me) {
        IdempotentRequests.Outcome made = keyed.once(me.id(), idempotencyKey, "workforce.roster.version", String.valueOf(id),
                () -> rosters.newVersion(id, me.username(), me.id()));
        return IdempotentResponses.created("/api/v1/workforce/rosters/" + made.id(), made.replayed(), view(rosters.get(made.id())));
    }

    @GetMapping("/api/v1/workforce/rosters/{id}/coverage")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    @Operation(summary = "Agents at work against the requirement per 30-minute interval, under-covered intervals flagged, "
            + "and overtime call-back suggestions for the short ones")
    Map<String, Object> coverage(@PathVariable long id) {
        RosterStore.RosterRow roster = rosters.get(id);
        Coverage coverage = rosters.coverage(roster);
        int[] required = coverage.requirement().total();
        int[] scheduled = coverage.total();
        List<Map<String, Object>> intervals = new java.util.ArrayList<>();
        Instant origin = rosters.origin(roster);
        for (int i = 0; i < required.length; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("start", origin.plus(Duration.ofMinutes(30L * i)));
            row.put("required", required[i]);
            row.put("scheduled", scheduled[i]);
            row.put("under", coverage.under(i));
            intervals.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shareMet", coverage.shareMet());
        body.put("intervals", intervals);
        body.put("callBacks", rosters.callBacks(roster));
        return body;
    }

    @GetMapping("/api/v1/workforce/my-shifts")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    @Operation(summary = "The caller's own shifts on published rosters (default: the next 14 days)")
    List<ShiftView> myShifts(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                             @AuthenticationPrincipal CurrentUser me) {
        Instant start = from == null ? rosters.now().minus(Duration.ofDays(1)) : rosters.startOf(from);
        Instant end = to == null ? start.plus(Duration.ofDays(15)) : rosters.startOf(to.plusDays(1));
        if (!end.isAfter(start) || Duration.between(start, end).toDays() > 92) {
            throw KeptException.invalid("workforce.accuracy.range", 92);
        }
        return rosters.publishedShifts(me.id(), start, end);
    }

    @PutMapping("/api/v1/workforce/my-availability")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    @Operation(summary = "Say a day is UNAVAILABLE, PREFER_OFF or PREFER_SHIFT (with shiftType), or clear it (kind null)",
            description = "Naturally idempotent: it sets the day's wish, so repeating it changes nothing; no key needed.")
    ResponseEntity<Void> availability(@RequestBody Availability request, @AuthenticationPrincipal CurrentUser me) {
        rosters.setAvailability(me.id(), request.day(), request.kind(), request.shiftType());
        return ResponseEntity.noContent().build();
    }

    static Map<String, Object> view(RosterStore.RosterRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("teamId", r.teamId());
        m.put("startsOn", r.startsOn());
        m.put("days", r.days());
        m.put("state", r.state());
        m.put("progress", r.progress());
        m.put("score", r.score());
        m.put("shareMet", r.message());
        m.put("publishedAt", r.publishedAt());
        m.put("rules", r.rulesText());
        return m;
    }

    /** Rules default to Chinese labour law: 11 h rest, 6 working days a week, 48 h a week, 36 h overtime a month. */
    record NewRoster(String name, Long teamId, LocalDate startsOn, Integer days, List<Long> memberIds,
                     Map<Long, List<Skill>> skills, Integer minRestHours, Integer maxWorkDaysPerWeek, Integer maxWeekHours,
                     Integer overtimeMonthHours, Double shrinkage) {
    }

    record Availability(LocalDate day, String kind, String shiftType) {
    }
}
