package org.kept.routing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.kept.contact.Push;
import org.kept.routing.PresenceState;
import org.kept.shared.KeptException;
import org.kept.sla.OnShift;
import org.kept.ticket.Channel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Agents' states: what they choose (available, not ready with a reason, offline), what their work sets (on a contact,
 * timed after-contact work), every change written to the history, and the roster's shift start and end as a prompt.
 */
@Service
public class PresenceDesk {

    /** The push event that asks an agent to change state at their shift's start or end. */
    public static final String SHIFT_EVENT = "routing-shift";

    private final RoutingStore store;
    private final Push push;
    private final ObjectProvider<OnShift> onShift;
    private final Clock clock;
    private final TransactionTemplate tx;

    PresenceDesk(RoutingStore store, Push push, ObjectProvider<OnShift> onShift, Clock clock, PlatformTransactionManager txManager) {
        this.store = store;
        this.push = push;
        this.onShift = onShift;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
    }

    /** The agent's state; a first look makes their row (OFFLINE). */
    @Transactional
    public Presence get(long userId) {
        Instant now = clock.instant();
        if (store.ensurePresence(userId, now)) {
            store.log(userId, PresenceState.OFFLINE, null, now, null);
        }
        return store.presence(userId).orElseThrow();
    }

    /**
     * The agent chooses AVAILABLE, NOT_READY (with a reason code) or OFFLINE. Choosing AVAILABLE while holding work
     * makes them ON_CONTACT; going offline with work in hand is refused; offers open to them are withdrawn when they stop
     * taking work.
     */
    @Transactional
    public Presence choose(long userId, PresenceState state, String reason, long byUser) {
        if (state == null || !state.chosen()) {
            throw KeptException.invalid("routing.error.state", String.valueOf(state));
        }
        if (state == PresenceState.NOT_READY) {
            if (reason == null || !store.reasonExists(reason)) {
                throw KeptException.invalid("routing.error.reason", String.valueOf(reason));
            }
        } else {
            reason = null;
        }
        get(userId);
        Presence seen = store.lockPresence(userId).orElseThrow();
        Instant now = clock.instant();
        List<WorkItem> work = store.ofAgent(userId);
        boolean holding = work.stream().anyMatch(w -> "ASSIGNED".equals(w.state()));
        if (state == PresenceState.OFFLINE && holding) {
            throw KeptException.conflict("routing.error.holdingWork");
        }
        if (state != PresenceState.AVAILABLE) {
            for (WorkItem w : work) {
                if ("OFFERED".equals(w.state()) && store.unoffer(w.id(), userId)) {
                    store.decideOffer(w.id(), userId, "WITHDRAWN", now);
                }
            }
        }
        PresenceState target = state == PresenceState.AVAILABLE && holding ? PresenceState.ON_CONTACT : state;
        if (target == seen.state() && java.util.Objects.equals(reason, seen.reason())) {
            return seen;
        }
        Instant idle = target == PresenceState.AVAILABLE && !seen.state().routable() ? now : seen.idleSince();
        change(seen, target, reason, now, idle, null, byUser);
        return store.presence(userId).orElseThrow();
    }

    /** Work was accepted: the agent is on a contact (unless they chose not ready meanwhile). Call in the accepting transaction. */
    void workTaken(Presence locked, Instant now) {
        if (locked.state() == PresenceState.AVAILABLE || locked.state() == PresenceState.AFTER_CONTACT_WORK) {
            change(locked, PresenceState.ON_CONTACT, null, now, now, null, null);
        } else {
            store.setIdleSince(locked.userId(), now);
        }
    }

    /** Work was finished: with nothing else in hand, the channel's after-contact work starts (or AVAILABLE at once). */
    void workFinished(Presence locked, Channel channel, boolean stillHolding, Instant now) {
        if (stillHolding || locked.state() != PresenceState.ON_CONTACT) {
            return;
        }
        ChannelRule rule = store.channels().get(channel);
        int acw = rule == null ? 0 : rule.acwSeconds();
        if (acw > 0) {
            change(locked, PresenceState.AFTER_CONTACT_WORK, null, now, now, now.plusSeconds(acw), null);
        } else {
            change(locked, PresenceState.AVAILABLE, null, now, now, null, null);
        }
    }

    private void change(Presence seen, PresenceState state, String reason, Instant now, Instant idleSince, Instant acwUntil,
                        Long byUser) {
        if (!store.setPresence(seen, state, reason, now, idleSince, acwUntil)) {
            throw KeptException.conflict("routing.error.presenceChanged");
        }
        store.log(seen.userId(), state, reason, now, byUser);
    }

    /**
     * Timed work: after-contact work that has run its time becomes AVAILABLE; agents whose rostered shift started or
     * ended since the last look are prompted (a push to their console). Returns the number of changes.
     */
    public int tick(Instant now) {
        int changed = 0;
        for (Presence p : store.acwEnded(now)) {
            Boolean done = tx.execute(s -> {
                if (store.setPresence(p, PresenceState.AVAILABLE, null, now, p.acwUntil(), null)) {
                    store.log(p.userId(), PresenceState.AVAILABLE, null, now, null);
                    return true;
                }
                return false;
            });
            changed += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        OnShift shifts = onShift.getIfAvailable();
        if (shifts != null) {
            for (Presence p : store.presences()) {
                boolean on = shifts.isOnShift(p.userId(), now);
                if (p.onShift() != null && p.onShift() == on) {
                    continue;
                }
                boolean first = p.onShift() == null;
                if (store.setOnShift(p, on) && !first) {
                    changed++;
                    boolean prompt = on ? p.state() == PresenceState.OFFLINE : p.state() != PresenceState.OFFLINE;
                    if (prompt) {
                        push.toUser(p.userId(), SHIFT_EVENT, "{\"shift\":\"" + (on ? "start" : "end") + "\",\"suggest\":\""
                                + (on ? "AVAILABLE" : "OFFLINE") + "\"}");
                    }
                }
            }
        }
        return changed;
    }

    public List<PresenceChange> history(Long userId, Instant from, Instant to) {
        if (to.isBefore(from) || Duration.between(from, to).toDays() > 31) {
            throw KeptException.invalid("routing.error.period");
        }
        return store.history(userId, from, to, 5_000);
    }

    /** Reason codes with their names in both languages ([code, zh, en, "1" when agents may choose it]). */
    public List<String[]> reasons() {
        return store.reasons();
    }

    public Map<String, Integer> skills(long userId) {
        return store.skills(userId);
    }
}
