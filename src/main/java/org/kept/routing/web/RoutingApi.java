package org.kept.routing.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.UserView;
import org.kept.routing.internal.ChannelRule;
import org.kept.routing.internal.PresenceChange;
import org.kept.routing.internal.PresenceDesk;
import org.kept.routing.internal.RoutingQueue;
import org.kept.routing.internal.RuleDesk;
import org.kept.routing.internal.WorkDesk;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.IdempotentResponses;
import org.kept.shared.KeptException;
import org.kept.ticket.Channel;
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

/** Presence (坐席状态), offered and held work, routing rules as data, and the live queue view. */
@RestController
@Tag(name = "routing")
class RoutingApi {

    private final PresenceDesk presence;
    private final WorkDesk work;
    private final RuleDesk rules;
    private final RoutingViews views;
    private final Directory directory;
    private final IdempotentRequests keyed;
    private final Clock clock;

    RoutingApi(PresenceDesk presence, WorkDesk work, RuleDesk rules, RoutingViews views, Directory directory,
               IdempotentRequests keyed, Clock clock) {
        this.presence = presence;
        this.work = work;
        this.rules = rules;
        this.views = views;
        this.directory = directory;
        this.keyed = keyed;
        this.clock = clock;
    }

    @GetMapping("/api/v1/routing/presence")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "My state (available, on a contact, after-contact work, not ready with a reason, offline), the "
            + "reason codes, and the work offered to me or held by me")
    RoutingJson.PresenceView get(@AuthenticationPrincipal CurrentUser me, Locale locale) {
        return views.of(me.id(), locale);
    }

    @PutMapping("/api/v1/routing/presence")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Choose my state: AVAILABLE, NOT_READY (with a reason code) or OFFLINE",
            description = "Naturally idempotent. AVAILABLE while holding work is ON_CONTACT; OFFLINE while holding work is "
                    + "a 409; offers open to me are withdrawn when I stop taking work. Every change is in the history.")
    RoutingJson.PresenceView put(@RequestBody RoutingJson.SetPresence body, @AuthenticationPrincipal CurrentUser me,
                                 Locale locale) {
        presence.choose(me.id(), body.state(), body.reason() == null || body.reason().isBlank() ? null : body.reason(), me.id());
        return views.of(me.id(), locale);
    }

    @GetMapping("/api/v1/routing/presence/history")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    @Operation(summary = "Presence changes with their times, for reports (one agent or all; at most 31 days)",
            description = "Without REPORT_ALL_TEAMS only the caller's team's agents.")
    List<PresenceChange> history(@RequestParam(required = false) Long userId, @RequestParam OffsetDateTime from,
                                 @RequestParam(required = false) OffsetDateTime to, @AuthenticationPrincipal CurrentUser me) {
        Instant end = to == null ? clock.instant() : to.toInstant();
        boolean all = me.can(Permission.REPORT_ALL_TEAMS);
        if (userId != null && !all && !sameTeam(me, userId)) {
            throw KeptException.forbidden("report.team.forbidden");
        }
        return presence.history(userId, from.toInstant(), end).stream()
                .filter(c -> all || sameTeam(me, c.userId())).toList();
    }

    private boolean sameTeam(CurrentUser me, long userId) {
        return me.teamId() != null && directory.user(userId).map(UserView::teamId).map(me.teamId()::equals).orElse(false);
    }

    @GetMapping("/api/v1/routing/work")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Work offered to me (to accept or decline before it expires) and work I hold")
    List<RoutingJson.Work> myWork(@AuthenticationPrincipal CurrentUser me, Locale locale) {
        return views.of(me.id(), locale).work();
    }

    @PostMapping("/api/v1/routing/work/{id}/accept")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Accept work offered to me", description = "Repeating it answers the same; an offer that expired "
            + "or was withdrawn is a 409.")
    RoutingJson.Work accept(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        var item = work.accept(id, me.id());
        return RoutingJson.Work.of(item, RoutingViews.queueName(rules.queues(), item.queueId()));
    }

    @PostMapping("/api/v1/routing/work/{id}/decline")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Decline work offered to me: it is offered to the next agent")
    ResponseEntity<Void> decline(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        work.decline(id, me.id());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/routing/work/{id}/finish")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Finish work I hold: capacity is free again; the channel's after-contact work may follow")
    ResponseEntity<Void> finish(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        work.finish(id, me.id());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/routing/queues")
    @PreAuthorize("hasAuthority('ROUTING_ADMIN')")
    @Operation(summary = "Queues and their rules: required skills with minimum levels, priority, strategy, overflow, "
            + "calendar and out-of-hours action, offer timeout")
    List<RoutingQueue> queues() {
        return rules.queues();
    }

    @PostMapping("/api/v1/routing/queues")
    @PreAuthorize("hasAuthority('ROUTING_ADMIN')")
    @Operation(summary = "Add a queue", description = "With an Idempotency-Key a retry returns the same queue.")
    ResponseEntity<RoutingQueue> create(@RequestBody RoutingJson.QueueBody body,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                        @AuthenticationPrincipal CurrentUser me) {
        IdempotentRequests.Outcome made = keyed.once(me.id(), idempotencyKey, "routing.queue.create", body.toString(),
                () -> rules.save(body.toQueue(0), me).id());
        return IdempotentResponses.created("/api/v1/routing/queues/" + made.id(), made.replayed(), rules.queue(made.id()));
    }

    @PutMapping("/api/v1/routing/queues/{id}")
    @PreAuthorize("hasAuthority('ROUTING_ADMIN')")
    @Operation(summary = "Change a queue's rules at the version read (a stale version is a 409)")
    RoutingQueue update(@PathVariable long id, @RequestBody RoutingJson.QueueBody body, @AuthenticationPrincipal CurrentUser me) {
        rules.queue(id);
        return rules.save(body.toQueue(id), me);
    }

    @GetMapping("/api/v1/routing/agents/{id}/skills")
    @PreAuthorize("hasAuthority('ROUTING_ADMIN')")
    @Operation(summary = "An agent's skills with levels (1-5)")
    RoutingJson.Skills skills(@PathVariable long id) {
        return new RoutingJson.Skills(rules.skills(id));
    }

    @PutMapping("/api/v1/routing/agents/{id}/skills")
    @PreAuthorize("hasAuthority('ROUTING_ADMIN')")
    @Operation(summary = "Replace an agent's skills with levels, e.g. {\"skills\": {\"chat\": 3, \"en\": 2}}")
    RoutingJson.Skills putSkills(@PathVariable long id, @RequestBody RoutingJson.Skills body, @AuthenticationPrincipal CurrentUser me) {
        return new RoutingJson.Skills(rules.replaceSkills(id, body.skills() == null ? Map.of() : body.skills(), me));
    }

    @GetMapping("/api/v1/routing/channels")
    @PreAuthorize("hasAuthority('ROUTING_ADMIN')")
    @Operation(summary = "Capacity per channel, its after-contact work, and which channels holding one blocks")
    List<ChannelRule> channels() {
        return List.copyOf(rules.channels().values());
    }

    @PutMapping("/api/v1/routing/channels/{channel}")
    @PreAuthorize("hasAuthority('ROUTING_ADMIN')")
    @Operation(summary = "Set a channel's capacity (1-50), after-contact work seconds (0-3600) and the channels it blocks")
    ChannelRule putChannel(@PathVariable Channel channel, @RequestBody RoutingJson.ChannelBody body,
                           @AuthenticationPrincipal CurrentUser me) {
        return rules.saveChannel(body.toRule(channel), me);
    }

    @GetMapping("/api/v1/routing/live")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    @Operation(summary = "The live queue view: waiting per queue with the oldest wait, offers declined and timed out in "
            + "the last hour, agents by state", description = "Without REPORT_ALL_TEAMS only the caller's team's agents.")
    RuleDesk.Live live(@AuthenticationPrincipal CurrentUser me) {
        return rules.liveFor(me);
    }

}
