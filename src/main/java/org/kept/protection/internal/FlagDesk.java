package org.kept.protection.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.contact.Push;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.UserView;
import org.kept.knowledge.Script;
import org.kept.knowledge.Scripts;
import org.kept.protection.AgentChannelsChanged;
import org.kept.protection.AgentExposureAlert;
import org.kept.protection.AgentNeedsRecovery;
import org.kept.protection.AgentProtection;
import org.kept.protection.ContactEndedForAbuse;
import org.kept.protection.ProtectionChanged;
import org.kept.protection.internal.Records.Exposure;
import org.kept.protection.internal.Records.ShiftExposure;
import org.kept.workforce.PublishedShifts;
import org.kept.workforce.ShiftView;
import org.kept.protection.internal.Records.Flag;
import org.kept.protection.internal.Records.Level;
import org.kept.protection.internal.Records.Settings;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marking contacts (不满/激烈/辱骂/威胁), the warning script and ending a contact, and the agent's exposure: the recovery
 * period after each flagged contact, the leads told after the day's threshold, written channels only.
 */
@Service
public class FlagDesk implements AgentProtection {

    private final ProtectionStore store;
    private final Contacts contacts;
    private final Scripts scripts;
    private final Directory directory;
    private final Push push;
    private final ApplicationEventPublisher events;
    private final CentreZone zone;
    private final Clock clock;
    private final PublishedShifts shifts;

    FlagDesk(ProtectionStore store, Contacts contacts, Scripts scripts, Directory directory, Push push,
             ApplicationEventPublisher events, CentreZone zone, Clock clock, PublishedShifts shifts) {
        this.shifts = shifts;
        this.store = store;
        this.contacts = contacts;
        this.scripts = scripts;
        this.directory = directory;
        this.push = push;
        this.events = events;
        this.zone = zone;
        this.clock = clock;
    }

    public List<Level> levels() {
        return store.levels();
    }

    public Level level(String code) {
        return store.levels().stream().filter(l -> l.code().equals(code)).findFirst()
                .orElseThrow(() -> KeptException.invalid("protection.level.unknown", code));
    }

    public Settings settings() {
        return store.settings();
    }

    public Flag get(long id) {
        return store.flag(id).orElseThrow(() -> KeptException.notFound("flag", id));
    }

    public List<Flag> flags(List<Long> ids) {
        return store.flags(ids);
    }

    public List<Flag> ofAgent(long agentId, int limit) {
        return store.flagsOfAgent(agentId, limit);
    }

    /**
     * Marks a contact. The agent it happened to is the one who handled it (else the one marking it); their recovery
     * period starts now, and at the day's threshold their leads are told once.
     */
    @Transactional
    public Flag flag(long contactId, String levelCode, String note, CurrentUser by) {
        Level level = level(levelCode == null ? "" : levelCode);
        Contact contact = contacts.find(contactId).orElseThrow(() -> KeptException.notFound("contact", contactId));
        long agent = contact.handledBy() != null ? contact.handledBy() : by.id();
        // to the microsecond, as the database keeps it: the event and the stored recovery name the same instant
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        long id = store.insertFlag(contactId, level.code(), contact.channel().name(), contact.customerId(), contact.ticketId(),
                agent, blankToNull(note), now);
        events.publishEvent(new ProtectionChanged(by.username(), "protection.flag", "contact:" + contactId,
                level.code() + (note == null || note.isBlank() ? "" : " " + note)));
        Settings settings = store.settings();
        Instant until = now.plus(Duration.ofMinutes(settings.recoveryMinutes()));
        store.recoverUntil(agent, until);
        events.publishEvent(new AgentNeedsRecovery(agent, id, level.code(), until));
        push.toUser(agent, "protection-recovery", "{\"until\":\"" + until + "\"}");
        alertLeadsAtThreshold(agent, settings, now);
        return get(id);
    }

    private void alertLeadsAtThreshold(long agent, Settings settings, Instant now) {
        ZoneId z = zone.zone();
        LocalDate day = now.atZone(z).toLocalDate();
        long today = store.flaggedBetween(agent, day.atStartOfDay(z).toInstant(), day.plusDays(1).atStartOfDay(z).toInstant());
        if (today < settings.dailyAlertThreshold() || !store.alertOnce(agent, day)) {
            return;
        }
        Long team = directory.user(agent).map(UserView::teamId).orElse(null);
        List<Long> leads = directory.staffWith(Permission.PROTECTION_APPROVE).stream()
                .filter(l -> team == null || team.equals(l.teamId())).map(UserView::id).filter(l -> l != agent).toList();
        for (long lead : leads) {
            push.toUser(lead, "protection-alert", "{\"agentId\":" + agent + ",\"today\":" + today + "}");
        }
        events.publishEvent(new AgentExposureAlert(agent, day, today, leads));
        events.publishEvent(new ProtectionChanged("system", "protection.exposure", "user:" + agent,
                today + " flagged contacts on " + day));
    }

    /** Records that the warning script was played; returns the script's words (from the knowledge base). */
    @Transactional
    public String warn(long flagId, CurrentUser by) {
        Flag flag = get(flagId);
        Level level = level(flag.level());
        if (!level.allowsWarn()) {
            throw KeptException.conflict("protection.warn.notAllowed", flag.level());
        }
        String code = store.settings().warningScriptCode();
        String words = warningScript().map(Script::body).orElse(null);
        store.warned(flagId, code, clock.instant());
        events.publishEvent(new ProtectionChanged(by.username(), "protection.warn", "contact:" + flag.contactId(), code));
        return words;
    }

    /** The knowledge base's warning script (话术), by the code the settings name. */
    public Optional<Script> warningScript() {
        String code = store.settings().warningScriptCode();
        return scripts.forChannel("PHONE").stream().filter(s -> code.equals(s.code())).findFirst();
    }

    /** Records the end of the contact with its reason; the telephony adapter hangs up where the PBX supports it. */
    @Transactional
    public Flag end(long flagId, String reason, CurrentUser by) {
        Flag flag = get(flagId);
        if (!level(flag.level()).allowsEnd()) {
            throw KeptException.conflict("protection.end.notAllowed", flag.level());
        }
        if (reason == null || reason.isBlank()) {
            throw KeptException.invalid("protection.end.reason");
        }
        if (flag.endedAt() != null) {
            return flag;
        }
        store.ended(flagId, reason.strip(), clock.instant());
        events.publishEvent(new ContactEndedForAbuse(flag.contactId(), flagId, reason.strip(), by.id()));
        events.publishEvent(new ProtectionChanged(by.username(), "protection.end", "contact:" + flag.contactId(), reason.strip()));
        return get(flagId);
    }

    /**
     * Flagged contacts of the agent today and this week (Monday to Sunday, the centre's calendar), and per shift of
     * the workforce module's published rosters: the shift they are on (or last worked, within a day) and each shift of
     * this week that has started. A flag counts in the shift during which it was recorded.
     */
    public Exposure exposure(long agentId) {
        Instant now = clock.instant();
        ZoneId z = zone.zone();
        LocalDate day = now.atZone(z).toLocalDate();
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant weekStart = monday.atStartOfDay(z).toInstant();
        long today = store.flaggedBetween(agentId, day.atStartOfDay(z).toInstant(), day.plusDays(1).atStartOfDay(z).toInstant());
        long week = store.flaggedBetween(agentId, weekStart, monday.plusDays(7).atStartOfDay(z).toInstant());
        List<ShiftExposure> weekShifts = shifts.between(agentId, weekStart, now.plusMillis(1)).stream()
                .filter(s -> !s.startsAt().isAfter(now)).map(s -> shiftExposure(agentId, s, now)).toList();
        ShiftExposure shift = shifts.currentOrLast(agentId, now).map(s -> shiftExposure(agentId, s, now)).orElse(null);
        return new Exposure(agentId, today, week, shift, weekShifts, recoveryUntil(agentId, now).orElse(null),
                writtenChannelsOnly(agentId), today >= store.settings().dailyAlertThreshold());
    }

    private ShiftExposure shiftExposure(long agentId, ShiftView s, Instant now) {
        return new ShiftExposure(s.id(), s.shiftType(), s.startsAt(), s.endsAt(),
                store.flaggedBetween(agentId, s.startsAt(), s.endsAt()), s.endsAt().isAfter(now));
    }

    /** Agents at or over today's threshold, for their leads (of the lead's team, or every team without one). */
    public List<Exposure> overThreshold(CurrentUser lead) {
        ZoneId z = zone.zone();
        LocalDate day = clock.instant().atZone(z).toLocalDate();
        return store.agentsAtLeast(day.atStartOfDay(z).toInstant(), day.plusDays(1).atStartOfDay(z).toInstant(),
                        store.settings().dailyAlertThreshold()).keySet().stream()
                .filter(agent -> lead.teamId() == null
                        || lead.teamId().equals(directory.user(agent).map(UserView::teamId).orElse(null)))
                .sorted().map(this::exposure).toList();
    }

    /** Agents flagged at least once this week, with their exposure per shift, for their leads (as {@link #overThreshold}). */
    public List<Exposure> exposedThisWeek(CurrentUser lead) {
        ZoneId z = zone.zone();
        LocalDate monday = clock.instant().atZone(z).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return store.agentsAtLeast(monday.atStartOfDay(z).toInstant(), monday.plusDays(7).atStartOfDay(z).toInstant(), 1)
                .keySet().stream()
                .filter(agent -> lead.teamId() == null
                        || lead.teamId().equals(directory.user(agent).map(UserView::teamId).orElse(null)))
                .sorted().map(this::exposure).toList();
    }

    @Transactional
    public Exposure writtenOnly(long agentId, boolean on, CurrentUser by) {
        UserView agent = directory.user(agentId).orElseThrow(() -> KeptException.notFound("user", agentId));
        store.writtenOnly(agentId, on, by.id(), clock.instant());
        events.publishEvent(new AgentChannelsChanged(agentId, on, by.id()));
        events.publishEvent(new ProtectionChanged(by.username(), "protection.writtenOnly", "user:" + agent.username(),
                Boolean.toString(on)));
        push.toUser(agentId, "protection-channels", "{\"writtenOnly\":" + on + "}");
        return exposure(agentId);
    }

    @Override
    public Optional<Instant> recoveryUntil(long userId, Instant at) {
        return store.recoveryUntil(userId).filter(until -> until.isAfter(at));
    }

    @Override
    public boolean writtenChannelsOnly(long userId) {
        return store.writtenOnly(userId);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
