package org.kept.routing.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.shared.AuditableEvent;
import org.kept.shared.KeptException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rows behind presence and queue order that administrators edit: not-ready reason codes (added, renamed,
 * reordered, deactivated; deleted only while no presence row or history names them) and each customer tier's bounded
 * jump in the queue. Every change is audited.
 */
@Service
public class PresenceAdmin {

    /** The most a tier may jump: the bound the database also holds ({@code routing_tier_boost_bound}). */
    public static final int MAX_JUMP_SECONDS = 600;

    /** The tier everyone has: it never jumps, it is what the others are bounded against. */
    public static final CustomerTier BASELINE = CustomerTier.STANDARD;

    private final RoutingStore store;
    private final ApplicationEventPublisher events;

    PresenceAdmin(RoutingStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    // --- reason codes ---

    public List<ReasonCode> reasons() {
        return store.reasonCodes();
    }

    public ReasonCode reason(String code) {
        return store.reasonCode(code).orElseThrow(() -> KeptException.notFound("reason", code));
    }

    /** Codes the presence history (or someone's present state) names: these are deactivated, never deleted. */
    public boolean inHistory(String code) {
        return store.reasonReferenced(code);
    }

    /** Adds ({@code creating}) or changes a reason code, after checking every field at once. */
    @Transactional
    public ReasonCode saveReason(ReasonCode r, boolean creating, CurrentUser by) {
        List<KeptException.Field> wrong = new ArrayList<>();
        String code = r.code() == null ? "" : r.code().strip();
        if (!code.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
            wrong.add(new KeptException.Field("code", "routingadmin.error.code"));
        } else if (creating && store.reasonCode(code).isPresent()) {
            wrong.add(new KeptException.Field("code", "routingadmin.error.codeTaken", code));
        }
        if (blankOrLong(r.nameZh())) {
            wrong.add(new KeptException.Field("nameZh", "routingadmin.error.nameZh"));
        }
        if (blankOrLong(r.nameEn())) {
            wrong.add(new KeptException.Field("nameEn", "routingadmin.error.nameEn"));
        }
        if (r.position() < 0 || r.position() > 999) {
            wrong.add(new KeptException.Field("position", "routingadmin.error.position"));
        }
        if (!r.active() && RecoveryBreaks.REASON.equals(code)) {
            wrong.add(new KeptException.Field("active", "routingadmin.error.recovery"));
        }
        if (!wrong.isEmpty()) {
            throw KeptException.invalid(wrong);
        }
        ReasonCode clean = new ReasonCode(code, r.nameZh().strip(), r.nameEn().strip(), r.position(), r.active());
        ReasonCode before = creating ? null : reason(code);
        if (creating) {
            store.insertReason(clean);
        } else {
            store.updateReason(clean);
        }
        audit(by, creating ? "routing.reason.add" : "routing.reason.change", "routing-reason:" + code,
                (before == null ? "" : describe(before) + " → ") + describe(clean));
        return reason(code);
    }

    /** Agents stop (or start again) being offered this reason; their history keeps it. */
    @Transactional
    public ReasonCode setActive(String code, boolean active, CurrentUser by) {
        ReasonCode r = reason(code);
        return saveReason(new ReasonCode(r.code(), r.nameZh(), r.nameEn(), r.position(), active), false, by);
    }

    /** Deletes a code nobody's presence ever named; one the history names is refused (deactivate it instead). */
    @Transactional
    public void deleteReason(String code, CurrentUser by) {
        ReasonCode r = reason(code);
        if (RecoveryBreaks.REASON.equals(code)) {
            throw KeptException.conflict("routingadmin.error.recovery");
        }
        if (store.reasonReferenced(code)) {
            throw KeptException.conflict("routingadmin.error.inHistory", code);
        }
        store.deleteReason(code);
        audit(by, "routing.reason.delete", "routing-reason:" + code, describe(r));
    }

    private static boolean blankOrLong(String s) {
        return s == null || s.isBlank() || s.strip().length() > 100;
    }

    private static String describe(ReasonCode r) {
        return r.nameZh() + " / " + r.nameEn() + ", position " + r.position() + (r.active() ? "" : ", inactive");
    }

    // --- tiers' bounded jumps ---

    /** Every customer tier with its jump in seconds (the baseline's is always 0). */
    public Map<CustomerTier, Integer> tierJumps() {
        Map<String, Integer> rows = store.tierJumps();
        Map<CustomerTier, Integer> out = new LinkedHashMap<>();
        for (CustomerTier t : CustomerTier.values()) {
            out.put(t, t == BASELINE ? 0 : rows.getOrDefault(t.name(), 0));
        }
        return out;
    }

    /**
     * Sets how far a tier's work moves ahead: it counts as having waited {@code seconds} longer, at most
     * {@link #MAX_JUMP_SECONDS}, so nobody who has waited that much longer is ever passed. The baseline tier stays at 0.
     */
    @Transactional
    public Map<CustomerTier, Integer> saveTierJump(String tierName, Integer seconds, CurrentUser by) {
        CustomerTier tier;
        try {
            tier = CustomerTier.valueOf(tierName);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw KeptException.notFound("tier", tierName);
        }
        if (tier == BASELINE) {
            throw KeptException.invalid(List.of(new KeptException.Field("jumpSeconds", "routingadmin.error.baseline")));
        }
        if (seconds == null || seconds < 0 || seconds > MAX_JUMP_SECONDS) {
            throw KeptException.invalid(List.of(new KeptException.Field("jumpSeconds", "routingadmin.error.jump",
                    MAX_JUMP_SECONDS)));
        }
        int before = tierJumps().get(tier);
        store.saveTierJump(tier.name(), seconds);
        audit(by, "routing.tier.jump", "routing-tier:" + tier.name(), before + " s → " + seconds + " s");
        return tierJumps();
    }

    private void audit(CurrentUser by, String action, String subject, String details) {
        events.publishEvent(new RoutingAdminChanged(by.username(), action, subject, details));
    }

    /** A routing rule changed (a queue, a channel, an agent's skills, a reason code, a tier's jump); the audit log records who did what. */
    record RoutingAdminChanged(String actor, String action, String subject, String details) implements AuditableEvent {
    }
}
