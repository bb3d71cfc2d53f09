package org.kept.sla.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.sla.internal.ServiceHours;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The hours each team serves customers (服务时间): times told to a customer fall inside them. */
@RestController
@Tag(name = "sla")
class TeamHoursController {

    private final ServiceHours hours;

    TeamHoursController(ServiceHours hours) {
        this.hours = hours;
    }

    /** The calendar to serve customers by. */
    record Hours(@NotNull Long calendarId) {
    }

    @GetMapping("/api/v1/sla/team-hours")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "Each team's service hours (a calendar); teams not listed use their tickets' policy calendar")
    List<ServiceHours.TeamHours> all() {
        return hours.all();
    }

    @PutMapping("/api/v1/sla/team-hours/{teamId}")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "Set the calendar a team serves customers by")
    ServiceHours.TeamHours set(@PathVariable long teamId, @jakarta.validation.Valid @RequestBody Hours body,
                               @AuthenticationPrincipal CurrentUser me) {
        return hours.set(teamId, body.calendarId(), me);
    }
}
