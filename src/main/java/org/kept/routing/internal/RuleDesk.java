package org.kept.routing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kept.calendar.Calendars;
import org.kept.identity.Directory;
import org.kept.identity.CurrentUser;
import org.kept.identity.UserView;
import org.kept.routing.AgentSkills;
import org.kept.routing.PresenceState;
import org.kept.shared.KeptException;
import org.kept.ticket.Channel;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Routing rules as data (queues, skills, capacity) for administrators, and the live queue view for leads. */
@Service
public class RuleDesk implements AgentSkills {

    private final RoutingStore store;
    private final Calendars calendars;
    private final Directory directory;
    private final Clock clock;
    private final VoiceCalls voice;
    private final ApplicationEventPublisher events;

    RuleDesk(RoutingStore store, Calendars calendars, Directory directory, Clock clock, VoiceCalls voice,
             ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
        this.voice = voice;
        this.calendars = calendars;
        this.directory = directory;
        this.clock = clock;
    }

    /** An administrator's change of a queue: saved as {@link #save(RoutingQueue)} and written to the audit log. */
    @Transactional
    public RoutingQueue save(RoutingQueue q, CurrentUser by) {
        RoutingQueue saved = save(q);
        audit(by, q.id() == 0 ? "routing.queue.add" : "routing.queue.change", "routing-queue:" + saved.code(), saved.toString());
        return saved;
    }

    /** An administrator's change of an agent's skills, audited. */
    @Transactional
    public Map<String, Integer> replaceSkills(long userId, Map<String, Integer> skills, CurrentUser by) {
        Map<String, Integer> before = skills(userId);
        Map<String, Integer> after = replaceSkills(userId, skills);
        audit(by, "routing.skills", "user:" + directory.user(userId).map(UserView::username).orElse("#" + userId),
                before + " → " + after);
        return after;
    }

    /** An administrator's change of a channel's capacity, after-contact work or blocks, audited. */
    @Transactional
    public ChannelRule saveChannel(ChannelRule rule, CurrentUser by) {
        ChannelRule saved = saveChannel(rule);
        audit(by, "routing.channel", "routing-channel:" + rule.channel().name(), saved.toString());
        return saved;
    }

    private void audit(CurrentUser by, String action, String subject, String details) {
        events.publishEvent(new PresenceAdmin.RoutingAdminChanged(by.username(), action, subject, details));
    }

    public List<RoutingQueue> queues() {
        return store.queues();
    }

    public RoutingQueue queue(long id) {
        return store.queue(id).orElseThrow(() -> KeptException.notFound("queue", id));
    }

    /** Creates ({@code id} 0) or updates (at {@code version}) a queue, after checking every rule. */
    @Transactional
    public RoutingQueue save(RoutingQueue q) {
        List<KeptException.Field> wrong = new ArrayList<>();
        if (q.code() == null || !q.code().matches("[a-z0-9][a-z0-9._-]{0,59}")) {
            wrong.add(new KeptException.Field("code", "routing.error.code"));
        } else if (store.codeTaken(q.code(), q.id())) {
            wrong.add(new KeptException.Field("code", "routing.error.codeTaken", q.code()));
        }
        if (q.name() == null || q.name().isBlank() || q.name().length() > 200) {
            wrong.add(new KeptException.Field("name", "routing.error.name"));
        }
        if (q.channel() == null) {
            wrong.add(new KeptException.Field("channel", "routing.error.channel"));
        }
        if (q.overflowAfterSeconds() != null && (q.overflowAfterSeconds() < 0 || q.overflowQueueId() == null)) {
            wrong.add(new KeptException.Field("overflowAfterSeconds", "routing.error.overflow"));
        }
        if (q.overflowQueueId() != null && (q.overflowQueueId() == q.id() || store.queue(q.overflowQueueId()).isEmpty())) {
            wrong.add(new KeptException.Field("overflowQueueId", "routing.error.queueRef"));
        }
        if (q.nightQueueId() != null && (q.nightQueueId() == q.id() || store.queue(q.nightQueueId()).isEmpty())) {
            wrong.add(new KeptException.Field("nightQueueId", "routing.error.queueRef"));
        }
        if (q.closedAction() == RoutingQueue.ClosedAction.NIGHT_QUEUE && q.nightQueueId() == null) {
            wrong.add(new KeptException.Field("nightQueueId", "routing.error.nightQueue"));
        }
        if (q.calendarId() != null && calendars.find(q.calendarId()).isEmpty()) {
            wrong.add(new KeptException.Field("calendarId", "routing.error.calendar"));
        }
        if (q.offerTimeoutSeconds() < 5 || q.offerTimeoutSeconds() > 600) {
            wrong.add(new KeptException.Field("offerTimeoutSeconds", "routing.error.timeout"));
        }
        if (q.closedMessage() != null && q.closedMessage().length() > 500) {
            wrong.add(new KeptException.Field("closedMessage", "routing.error.message"));
        }
        for (RoutingQueue.Skill s : q.skills()) {
            if (!validSkill(s.skill()) || s.minLevel() < 1 || s.minLevel() > 5) {
                wrong.add(new KeptException.Field("skills", "routing.error.skill", String.valueOf(s.skill())));
            }
        }
        if (!wrong.isEmpty()) {
            throw KeptException.invalid(wrong);
        }
        long id = q.id();
        if (id == 0) {
            id = store.insertQueue(q);
        } else if (!store.updateQueue(q)) {
            store.queue(id).orElseThrow(() -> KeptException.notFound("queue", q.id()));
            throw KeptException.conflict("routing.error.stale");
        }
        return queue(id);
    }

    static boolean validSkill(String skill) {
        return skill != null && skill.matches("[a-z0-9][a-z0-9._-]{0,39}");
    }

    public Map<String, Integer> skills(long userId) {
        directory.activeStaff(userId).orElseThrow(() -> KeptException.notFound("user", userId));
        return store.skills(userId);
    }

    @Override
    @Transactional
    public Map<String, Integer> replaceSkills(long userId, Map<String, Integer> skills) {
        directory.activeStaff(userId).orElseThrow(() -> KeptException.notFound("user", userId));
        skills.forEach((skill, level) -> {
            if (!validSkill(skill) || level == null || level < 1 || level > 5) {
                throw KeptException.invalid("routing.error.skill", String.valueOf(skill));
            }
        });
        store.replaceSkills(userId, skills);
        return store.skills(userId);
    }

    public Map<Channel, ChannelRule> channels() {
        return store.channels();
    }

    @Transactional
    public ChannelRule saveChannel(ChannelRule rule) {
        if (rule.capacity() < 1 || rule.capacity() > 50 || rule.acwSeconds() < 0 || rule.acwSeconds() > 3600
                || rule.blocks().contains(rule.channel())) {
            throw KeptException.invalid("routing.error.capacity");
        }
        store.saveChannel(rule);
        return store.channels().get(rule.channel());
    }

    /** One queue's line on the live view. */
    public record QueueLine(long id, String code, String name, Channel channel, long waiting, Long oldestWaitSeconds,
                            long offered, long assigned, long declined, long timedOut) {
    }

    /** One agent on the live view. */
    public record AgentLine(long id, String name, PresenceState state, String reason, long inStateSeconds, int holding) {
    }

    /**
     * A call on, as the PBX routes it: waiting in {@code queue} (its name when it is a routing queue's code), offered to
     * ({@code RINGING}) or with ({@code ANSWERED}) {@code agent} (the Kept agent's name, else the PBX's reference).
     */
    public record CallLine(String queue, String state, String agent, long seconds) {
    }

    public record Live(List<QueueLine> queues, Map<PresenceState, Long> byState, List<AgentLine> agents,
                       List<CallLine> calls, Instant at) {
    }

    /** Calls shown at most: a lead reads a screenful, the rest are counted in the PBX's own wallboard. */
    private static final int CALLS_SHOWN = 200;

    /** The live view as the viewer may see it: every team's agents with REPORT_ALL_TEAMS, else their own team's. */
    public Live liveFor(CurrentUser viewer) {
        return live(viewer.can(org.kept.identity.Permission.REPORT_ALL_TEAMS) ? null
                : viewer.teamId() == null ? -1L : viewer.teamId());
    }

    /** Waiting per queue with the oldest wait, offers declined and timed out in the last hour, agents by state. */
    public Live live(Long teamId) {
        Instant now = clock.instant();
        Map<Long, Instant> oldest = new HashMap<>();
        Map<Long, long[]> counts = store.queueCounts(oldest);
        Map<Long, long[]> refused = store.refusedOffers(now.minus(Duration.ofHours(1)));
        List<QueueLine> queues = new ArrayList<>();
        for (RoutingQueue q : store.queues()) {
            long[] c = counts.getOrDefault(q.id(), new long[3]);
            long[] r = refused.getOrDefault(q.id(), new long[2]);
            Instant o = oldest.get(q.id());
            queues.add(new QueueLine(q.id(), q.code(), q.name(), q.channel(), c[0],
                    o == null ? null : Math.max(0, Duration.between(o, now).toSeconds()), c[1], c[2], r[0], r[1]));
        }
        Map<PresenceState, Long> byState = new EnumMap<>(PresenceState.class);
        for (PresenceState s : PresenceState.values()) {
            byState.put(s, 0L);
        }
        Map<Long, Map<Channel, Integer>> loads = store.loads();
        List<AgentLine> agents = new ArrayList<>();
        Map<Long, UserView> staff = new LinkedHashMap<>();
        directory.staff().forEach(u -> staff.put(u.id(), u));
        for (Presence p : store.presences()) {
            UserView u = staff.get(p.userId());
            if (u == null || (teamId != null && !teamId.equals(u.teamId()))) {
                continue;
            }
            byState.merge(p.state(), 1L, Long::sum);
            if (p.state() != PresenceState.OFFLINE) {
                int holding = loads.getOrDefault(p.userId(), Map.of()).values().stream().mapToInt(Integer::intValue).sum();
                agents.add(new AgentLine(p.userId(), u.displayName(), p.state(), p.reason(),
                        Math.max(0, Duration.between(p.since(), now).toSeconds()), holding));
            }
        }
        agents.sort(java.util.Comparator.comparing(AgentLine::state).thenComparing(AgentLine::name));
        return new Live(queues, byState, agents, calls(teamId, staff, now), now);
    }

    /** The calls on (voice queues follow the PBX's decisions); a team's lead sees the calls of their team's agents and those nobody has yet. */
    private List<CallLine> calls(Long teamId, Map<Long, UserView> staff, Instant now) {
        Map<String, String> names = new HashMap<>();
        store.queues().forEach(q -> names.put(q.code(), q.name()));
        List<CallLine> lines = new ArrayList<>();
        for (VoiceCalls.VoiceCall c : voice.on(CALLS_SHOWN)) {
            UserView agent = c.agentId() == null ? null : staff.get(c.agentId());
            if (teamId != null && c.agentId() != null && (agent == null || !teamId.equals(agent.teamId()))) {
                continue;
            }
            String who = agent != null ? agent.displayName() : c.agentRef();
            lines.add(new CallLine(c.queue() == null ? null : names.getOrDefault(c.queue(), c.queue()), c.state(), who,
                    Math.max(0, Duration.between(c.since(), now).toSeconds())));
        }
        return lines;
    }
}
