package org.kept.workforce.internal;

import org.kept.identity.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.kept.identity.Directory;
import org.kept.identity.UserView;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.kept.workforce.RosterState;
import org.kept.workforce.ShiftView;
import org.kept.workforce.internal.roster.ShiftType;
import org.kept.workforce.Skill;
import org.kept.workforce.internal.roster.Coverage;
import org.kept.workforce.internal.roster.Limits;
import org.kept.workforce.internal.roster.Requirement;
import org.kept.workforce.internal.roster.RosterAgent;
import org.kept.workforce.internal.roster.RosterPlan;
import org.kept.workforce.internal.roster.RosterRules;
import org.kept.workforce.internal.roster.RosterSolver;
import org.kept.workforce.internal.roster.ShiftSlot;
import org.kept.workforce.internal.roster.SlotPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.kept.shared.AuditableEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rosters from requirement to publication: built from the forecast's required agents, solved by Timefold on one
 * background thread (progress and best score written as it goes), checked for coverage, then published so agents see
 * their shifts. Overtime call-back suggestions are made only for intervals the roster leaves short.
 */
@Service
public class RosterDesk {

    private static final Logger log = LoggerFactory.getLogger(RosterDesk.class);
    private static final int STEP = 30;
    /** A call-back covers at most 8 hours. */
    private static final int MAX_CALL_BACK_INTERVALS = 8 * 60 / STEP;
    private static final Set<String> FRONT_LINE = Set.of("AGENT", "OUTSOURCED", "LEAD", "COMPLAINTS");
    private static final Set<String> AVAILABILITY = Set.of("UNAVAILABLE", "PREFER_OFF", "PREFER_SHIFT");

    private final RosterStore store;
    private final ForecastDesk forecasts;
    private final Directory directory;
    private final TeamSkillDesk teamSkills;
    private final ZoneId zone;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final ExecutorService solver = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "roster-solver");
        t.setDaemon(true);
        return t;
    });

    RosterDesk(RosterStore store, ForecastDesk forecasts, Directory directory, TeamSkillDesk teamSkills, CentreZone zone,
               Clock clock, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.forecasts = forecasts;
        this.directory = directory;
        this.teamSkills = teamSkills;
        this.zone = zone.zone();
        this.clock = clock;
        this.tx = tx;
    }

    @PreDestroy
    void stop() {
        solver.shutdownNow();
    }

    /**
     * A new roster for {@code days} days from {@code startsOn}: its members (given, or the team's front-line staff)
     * and the forecast's required agents per 30-minute interval and skill.
     */
    public long create(String name, Long teamId, LocalDate startsOn, int days, List<Long> memberIds,
                       Map<Long, Set<Skill>> skills, long by) {
        return create(name, teamId, startsOn, days, memberIds, skills, RosterRules.defaults(), 0, by);
    }

    /**
     * As above with the planner's working-time rules and a shrinkage (absence, training, breaks beyond the meal): each
     * interval then asks for ceil(n / (1 − shrinkage)) people so that n are on the phones.
     */
    public long create(String name, Long teamId, LocalDate startsOn, int days, List<Long> memberIds,
                       Map<Long, Set<Skill>> skills, RosterRules rules, double shrinkage, long by) {
        if (!(shrinkage >= 0 && shrinkage <= 0.5)) {
            throw KeptException.invalid("workforce.roster.rules");
        }
        if (days < 1 || days > 35) {
            throw KeptException.invalid("workforce.roster.days", 35);
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw KeptException.invalid("workforce.roster.name");
        }
        if (teamId != null && directory.team(teamId).isEmpty()) {
            throw KeptException.notFound("team", teamId);
        }
        List<UserView> people = new ArrayList<>();
        if (memberIds != null && !memberIds.isEmpty()) {
            for (Long id : memberIds) {
                people.add(directory.activeStaff(id).orElseThrow(() -> KeptException.invalid("workforce.roster.member", id)));
            }
        } else {
            directory.staff().stream().filter(u -> FRONT_LINE.contains(u.role()))
                    .filter(u -> teamId == null || teamId.equals(u.teamId())).forEach(people::add);
        }
        if (people.isEmpty()) {
            throw KeptException.invalid("workforce.roster.noMembers");
        }
        Map<LocalDate, Map<Skill, int[]>> required = new HashMap<>();
        for (int d = 0; d < days; d++) {
            LocalDate day = startsOn.plusDays(d);
            required.put(day, forecasts.required(forecasts.forecast(day), StaffingSettings.defaults()));
        }
        Map<Long, Set<Skill>> byTeam = teamSkills.all();
        return tx.execute(status -> {
            long id = store.create(name.trim(), teamId, startsOn, days, rules, (int) Math.round(shrinkage * 100), by);
            for (UserView u : people) {
                Set<Skill> s = skills != null && skills.containsKey(u.id()) ? skills.get(u.id())
                        : TeamSkillDesk.of(byTeam, u.teamId());
                store.addMember(id, u.id(), s);
            }
            required.forEach((day, bySkill) -> bySkill.forEach((skill, agents) -> {
                for (int i = 0; i < agents.length; i++) {
                    if (agents[i] > 0) {
                        store.addRequirement(id, day.atStartOfDay(zone).plusMinutes((long) i * STEP).toInstant(), skill,
                                Staffing.gross(agents[i], shrinkage));
                    }
                }
            }));
            return id;
        });
    }

    /**
     * The roster's requirement as arrays per skill, for the skills its members take: the forecast covers the whole
     * centre, and the gaps of skills (teams) nobody on this roster has are another roster's business.
     */
    public Requirement requirement(RosterStore.RosterRow roster) {
        Set<Skill> taken = EnumSet.noneOf(Skill.class);
        store.members(roster.id()).values().forEach(taken::addAll);
        Map<Skill, int[]> agents = new EnumMap<>(Skill.class);
        int n = roster.days() * 1440 / STEP;
        Instant origin = roster.startsOn().atStartOfDay(zone).toInstant();
        for (Skill s : Skill.values()) {
            agents.put(s, new int[n]);
        }
        store.requirement(roster.id()).forEach((skill, at) -> at.forEach((instant, count) -> {
            long i = Duration.between(origin, instant).toMinutes() / STEP;
            if (i >= 0 && i < n && taken.contains(skill)) {
                agents.get(skill)[(int) i] = count;
            }
        }));
        return new Requirement(roster.startsOn(), roster.days(), STEP, agents);
    }

    /** Starts solving in the background; the roster shows SOLVING with its progress until it is SOLVED or FAILED. */
    public void solve(long id, int seconds) {
        if (seconds < 1 || seconds > 600) {
            throw KeptException.invalid("workforce.roster.seconds", 600);
        }
        store.get(id);
        // the deadline lets another instance take over a roster whose solving instance stopped
        Instant until = clock.instant().plusSeconds(seconds + 120L);
        if (!store.claimForSolving(id, EnumSet.of(RosterState.DRAFT, RosterState.SOLVED, RosterState.FAILED), until)) {
            throw KeptException.conflict("workforce.roster.state", store.get(id).state());
        }
        // inside a caller's transaction (a keyed retry-safe write) the solver must see the claim committed first
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    solver.submit(() -> run(id, seconds));
                }
            });
        } else {
            solver.submit(() -> run(id, seconds));
        }
    }

    private void run(long id, int seconds) {
        try {
            RosterStore.RosterRow roster = store.get(id);
            Requirement requirement = requirement(roster);
            Map<Long, Set<Skill>> members = store.members(id);
            List<RosterAgent> agents = store.agents(members, names(members.keySet()), roster.startsOn(),
                    roster.startsOn().plusDays(roster.days() - 1));
            Set<LocalDate> holidays = new java.util.HashSet<>();
            for (int d = 0; d < roster.days(); d++) {
                if (forecasts.isHoliday(roster.startsOn().plusDays(d))) {
                    holidays.add(roster.startsOn().plusDays(d));
                }
            }
            List<ShiftSlot> slots = SlotPlanner.slots(requirement, holidays, Map.of());
            RosterPlan plan = new RosterPlan(agents, slots, Limits.of(roster.rules(), roster.days()), roster.days());
            long started = System.nanoTime();
            // nothing required, nothing to solve (Timefold wants at least one shift)
            RosterPlan solved = slots.isEmpty() ? withZeroScore(plan)
                    : RosterSolver.solve(plan, Duration.ofSeconds(seconds), null, score -> {
                        long elapsed = (System.nanoTime() - started) / 1_000_000;
                        store.progress(id, (int) Math.min(99, elapsed * 100 / (seconds * 1000L)), score.toString());
                    });
            Coverage coverage = Coverage.of(requirement, solved.getSlots());
            Instant origin = roster.startsOn().atStartOfDay(zone).toInstant();
            List<ShiftView> shifts = solved.getSlots().stream().filter(s -> s.getAgent() != null)
                    .map(s -> new ShiftView(0, id, s.getAgent().id(), s.getType().name(), s.getSkill(),
                            origin.plusSeconds(s.getStart() * 60), origin.plusSeconds(s.getEnd() * 60),
                            origin.plusSeconds(s.getBreakStart() * 60), origin.plusSeconds(s.getBreakEnd() * 60)))
                    .toList();
            tx.executeWithoutResult(status -> {
                store.replaceShifts(id, shifts);
                store.progress(id, 100, solved.getScore().toString());
                store.move(id, EnumSet.of(RosterState.SOLVING), solved.getScore().hardScore() == 0 ? RosterState.SOLVED
                        : RosterState.FAILED, String.format("%.3f", coverage.shareMet()));
            });
        } catch (RuntimeException e) {
            log.warn("Solving roster {} failed", id, e);
            store.move(id, EnumSet.of(RosterState.SOLVING), RosterState.FAILED, "error");
        }
    }

    /** Display names of people, read through the directory (new staff may not be in its cached list yet). */
    public Map<Long, String> names(java.util.Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        ids.forEach(id -> directory.user(id).ifPresent(u -> names.put(id, u.displayName())));
        return names;
    }

    private static RosterPlan withZeroScore(RosterPlan plan) {
        plan.setScore(ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore.ZERO);
        return plan;
    }

    public void publish(long id) {
        publish(id, (String) null);
    }

    public void publish(long id, CurrentUser by) {
        publish(id, by.username());
    }

    /**
     * Publishes a solved roster. A new version of a published roster replaces it in the same transaction: the old one
     * becomes SUPERSEDED (kept, audited), so agents see exactly one of the two. {@code actor} is for the audit.
     */
    public void publish(long id, String actor) {
        tx.executeWithoutResult(status -> {
            RosterStore.RosterRow roster = store.get(id);
            if (!store.move(id, EnumSet.of(RosterState.SOLVED), RosterState.PUBLISHED, roster.message())) {
                throw KeptException.conflict("workforce.roster.state", store.get(id).state());
            }
            events.publishEvent(new PlanChanged(actor == null ? "system" : actor, "workforce.roster.publish", "roster:" + id,
                    roster.name() + " from " + roster.startsOn() + ", " + roster.days() + " days"));
            store.replaces(id).ifPresent(old -> {
                if (!store.move(old, EnumSet.of(RosterState.PUBLISHED), RosterState.SUPERSEDED, store.get(old).message())) {
                    // another version replaced it first: publishing this one too would show agents two rosters
                    throw KeptException.conflict("workforce.roster.replacedAlready", String.valueOf(old));
                }
                events.publishEvent(new RosterReplaced(actor == null ? "system" : actor, "roster.replace", "roster:" + old,
                        "replaced by roster:" + id + " (" + store.get(id).name() + ")"));
            });
        });
    }

    /**
     * Starts a new version of a published roster (same people, period, rules and requirement), solved in the
     * background; the published one stays what agents see until the new version is published.
     */
    public long newVersion(long publishedId, String actor, long by) {
        RosterStore.RosterRow published = store.get(publishedId);
        if (published.state() != RosterState.PUBLISHED) {
            throw KeptException.conflict("workforce.roster.state", published.state());
        }
        long id = tx.execute(status -> {
            long copy = store.copyAsNewVersion(publishedId, by);
            events.publishEvent(new RosterReplaced(actor, "roster.version", "roster:" + publishedId,
                    "new version roster:" + copy + " started"));
            return copy;
        });
        return id;
    }

    /** The roster a new version replaces, and the newest version made of a roster. */
    public java.util.Optional<Long> replaces(long id) {
        return store.replaces(id);
    }

    public java.util.Optional<Long> newestVersionOf(long id) {
        return store.newestVersionOf(id);
    }

    /** A published roster was replaced by a new version, or a new version of it was started; the audit log records it. */
    record RosterReplaced(String actor, String action, String subject, String details) implements AuditableEvent {
    }

    public Coverage coverage(RosterStore.RosterRow roster) {
        Requirement requirement = requirement(roster);
        Instant origin = roster.startsOn().atStartOfDay(zone).toInstant();
        List<ShiftSlot> slots = new ArrayList<>();
        Map<Long, RosterAgent> agents = new HashMap<>();
        for (ShiftView s : store.shifts(roster.id())) {
            long start = Duration.between(origin, s.startsAt()).toMinutes();
            org.kept.workforce.internal.roster.ShiftType type = org.kept.workforce.internal.roster.ShiftType.valueOf(s.shiftType());
            ShiftSlot slot = new ShiftSlot(s.id(), null, type, s.skill(), start,
                    Duration.between(origin, s.breakStartsAt()).toMinutes(), 0, false, false, 0);
            slot.setAgent(agents.computeIfAbsent(s.userId(), u -> new RosterAgent(u, "", Set.of(s.skill()), Set.of(), Set.of(), Map.of())));
            slots.add(slot);
        }
        return Coverage.of(requirement, slots);
    }

    /**
     * Overtime call-back (加班召回) suggestions, only for days with under-covered intervals: members with the skill
     * who have no shift that day, keep 11 hours' rest around it and stay within the weekly hours if they come in.
     */
    public List<CallBack> callBacks(RosterStore.RosterRow roster) {
        Coverage coverage = coverage(roster);
        Requirement requirement = coverage.requirement();
        List<ShiftView> shifts = store.shifts(roster.id());
        Map<Long, Set<Skill>> members = store.members(roster.id());
        Map<Long, String> names = names(members.keySet());
        RosterRules rules = roster.rules();
        Instant origin = origin(roster);
        List<CallBack> suggestions = new ArrayList<>();
        for (Skill skill : Skill.values()) {
            int[] need = requirement.agents().get(skill);
            int[] have = coverage.scheduled().get(skill);
            int i = 0;
            while (i < need.length) {
                if (have[i] >= need[i]) {
                    i++;
                    continue;
                }
                // one gap: consecutive short intervals, at most a working day long (what one call-back can cover)
                int first = i;
                int shortBy = 0;
                while (i < need.length && have[i] < need[i] && i - first < MAX_CALL_BACK_INTERVALS) {
                    shortBy = Math.max(shortBy, need[i] - have[i]);
                    i++;
                }
                Instant from = origin.plusSeconds((long) first * STEP * 60);
                Instant to = origin.plusSeconds((long) i * STEP * 60);
                List<String> who = candidates(members, shifts, skill, from, to, (first * STEP / 1440) / 7, origin, rules)
                        .stream().limit(Math.max(3, shortBy)).map(id -> names.getOrDefault(id, "#" + id)).toList();
                suggestions.add(new CallBack(from.atZone(zone).toLocalDate(), skill, from, to, shortBy, who));
            }
        }
        suggestions.sort(java.util.Comparator.comparing(CallBack::from));
        return suggestions;
    }

    /** Members with the skill who keep the minimum rest around the gap and stay within the weekly hours if they come. */
    private static List<Long> candidates(Map<Long, Set<Skill>> members, List<ShiftView> shifts, Skill skill, Instant from,
                                         Instant to, int week, Instant origin, RosterRules rules) {
        Duration rest = Duration.ofMinutes(rules.minRestMinutes());
        long extra = Duration.between(from, to).toMinutes();
        List<Long> who = new ArrayList<>();
        members.forEach((id, skills) -> {
            if (!skills.contains(skill)) {
                return;
            }
            List<ShiftView> mine = shifts.stream().filter(s -> s.userId() == id).toList();
            boolean restOk = mine.stream().noneMatch(s -> s.startsAt().isBefore(to.plus(rest)) && s.endsAt().plus(rest).isAfter(from));
            long weekMinutes = mine.stream().filter(s -> Duration.between(origin, s.startsAt()).toDays() / 7 == week)
                    .mapToLong(s -> Duration.between(s.startsAt(), s.endsAt()).toMinutes()).sum();
            if (restOk && weekMinutes + extra <= rules.maxWeekMinutes()) {
                who.add(id);
            }
        });
        return who;
    }

    /** Ask these people to come in for this gap: the roster is short of {@code shortBy} agents at most. */
    public record CallBack(LocalDate day, Skill skill, Instant from, Instant to, int shortBy, List<String> candidates) {
    }

    public RosterStore.RosterRow get(long id) {
        return store.get(id);
    }

    public List<RosterStore.RosterRow> latest(int limit) {
        return store.latest(limit);
    }

    public Map<Long, Set<Skill>> members(long rosterId) {
        return store.members(rosterId);
    }

    public List<ShiftView> shifts(long rosterId) {
        return store.shifts(rosterId);
    }

    /** One person's shifts on published rosters between two instants. */
    public List<ShiftView> publishedShifts(long userId, Instant from, Instant to) {
        return store.publishedShifts(userId, from, to);
    }

    public List<Map<String, Object>> availabilityOf(long userId, LocalDate from) {
        return store.availabilityOf(userId, from);
    }

    /**
     * Sets one person's wish for a day: UNAVAILABLE, PREFER_OFF, or PREFER_SHIFT with a shift type; a null kind
     * clears it. Setting the same wish again changes nothing.
     */
    public void setAvailability(long userId, LocalDate day, String kind, String shiftType) {
        if (day == null || (kind != null && !AVAILABILITY.contains(kind))) {
            throw KeptException.invalid("workforce.availability");
        }
        String type = null;
        if ("PREFER_SHIFT".equals(kind)) {
            try {
                type = ShiftType.valueOf(String.valueOf(shiftType)).name();
            } catch (IllegalArgumentException e) {
                throw KeptException.invalid("workforce.availability");
            }
        }
        store.availability(userId, day, kind, type);
    }

    public Instant now() {
        return clock.instant();
    }

    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    public Instant origin(RosterStore.RosterRow roster) {
        return startOf(roster.startsOn());
    }
}
