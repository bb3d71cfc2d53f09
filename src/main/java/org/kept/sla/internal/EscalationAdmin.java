package org.kept.sla.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.AuditableEvent;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.KeptException;
import org.kept.ticket.Tickets;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administers escalation rules and tiers: checks each change, keeps every rule pointing at a tier that exists, and
 * records each change in the audit log. Pending escalations already decided are not recomputed.
 */
@Service
public class EscalationAdmin {

    static final int MAX_KEYWORDS = 100;
    static final int MAX_KEYWORD = 50;
    static final int MAX_TIERS = 10;

    private final RuleStore store;
    private final Directory directory;
    private final Tickets tickets;
    private final IdempotentRequests idempotency;
    private final ApplicationEventPublisher events;

    EscalationAdmin(RuleStore store, Directory directory, Tickets tickets, IdempotentRequests idempotency,
                    ApplicationEventPublisher events) {
        this.store = store;
        this.directory = directory;
        this.tickets = tickets;
        this.idempotency = idempotency;
        this.events = events;
    }

    public List<EscalationRule> rules() {
        return store.ordered();
    }

    public EscalationRule rule(long id) {
        return store.find(id).orElseThrow(() -> KeptException.notFound("escalation-rule", id));
    }

    public EscalationTiers tiers() {
        return store.tiers();
    }

    /** Creates; with an idempotency key a retried request gives the same rule. */
    // no transaction here: IdempotentRequests.once runs the create in its own, so a racing retry gets the first result
    public IdempotentRequests.Outcome create(EscalationRule r, CurrentUser by, String key) {
        // checked inside: a replay finds its own rule's position taken and must still answer with that rule
        return idempotency.once(by.id(), key, "sla.escalation-rule.create", r.toString(), () -> {
            EscalationRule checked = checked(r, null);
            long id = store.insert(checked);
            audit(by, "escalation-rule.create", "escalation-rule:" + id, checked.name() + ": " + checked.describe());
            return id;
        });
    }

    @Transactional
    public EscalationRule update(long id, EscalationRule r, int expectedVersion, CurrentUser by) {
        EscalationRule old = rule(id);
        EscalationRule checked = checked(r, id);
        store.update(checked, expectedVersion);
        audit(by, "escalation-rule.update", "escalation-rule:" + id, old.describe() + " => " + checked.describe());
        return rule(id);
    }

    @Transactional
    public void delete(long id, int expectedVersion, CurrentUser by) {
        EscalationRule old = rule(id);
        store.delete(id, expectedVersion);
        audit(by, "escalation-rule.delete", "escalation-rule:" + id, old.name() + ": " + old.describe());
    }

    /** Replaces the whole ladder; {@code expectedVersion} is the ladder's version as read (409 when changed since). */
    @Transactional
    public EscalationTiers replaceTiers(List<EscalationTier> tiers, int expectedVersion, CurrentUser by) {
        List<EscalationTier> checked = checked(tiers);
        int top = checked.size() - 1;
        store.fresh().stream().filter(r -> r.tier() > top).findFirst().ifPresent(r -> {
            throw KeptException.invalid("sla.tier.inUse", r.name(), r.tier());
        });
        store.replaceTiers(checked, expectedVersion);
        audit(by, "escalation-tiers.update", "escalation-tiers", checked.stream()
                .map(t -> t.level() + " " + t.nameEn() + " " + t.holder() + (t.teamId() == null ? "" : " team " + t.teamId()))
                .collect(Collectors.joining("; ")));
        return store.tiers();
    }

    private EscalationRule checked(EscalationRule r, Long id) {
        String name = r.name() == null ? "" : r.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw KeptException.invalid("sla.rule.name", 100);
        }
        if (r.position() < 0 || r.position() > 1_000_000) {
            throw KeptException.invalid("sla.policy.position");
        }
        store.fresh().stream().filter(o -> o.position() == r.position() && (id == null || o.id() != id)).findFirst()
                .ifPresent(o -> {
                    throw KeptException.invalid("sla.rule.positionTaken", r.position(), o.name());
                });
        if (r.conditions().isEmpty()) {
            throw KeptException.invalid("sla.rule.noCondition");
        }
        List<String> keywords = r.keywords() == null ? null : keywords(r.keywords());
        if (r.minContacts() != null && (r.minContacts() < 1 || r.minContacts() > 1000)) {
            throw KeptException.invalid("sla.rule.contacts", 1000);
        }
        if (r.category() != null && tickets.categories().stream().noneMatch(c -> c.code().equals(r.category()))) {
            throw KeptException.invalid("error.ticket.category", r.category());
        }
        int top = store.tiers().top();
        if (r.tier() < 1 || r.tier() > top) {
            throw KeptException.invalid("sla.rule.tier", top);
        }
        return new EscalationRule(id == null ? 0 : id, name, r.position(), r.enabled(),
                EscalationRule.conditions(keywords, r.priority(), r.minContacts(), r.category(), r.customerTier()),
                r.tier(), r.version());
    }

    /** Trimmed, without repeats; an empty list would never match and is refused rather than kept silently. */
    private static List<String> keywords(List<String> given) {
        LinkedHashSet<String> words = new LinkedHashSet<>();
        for (String k : given) {
            String w = k == null ? "" : k.strip();
            if (w.length() > MAX_KEYWORD) {
                throw KeptException.invalid("sla.rule.keywords", MAX_KEYWORDS, MAX_KEYWORD);
            }
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        if (words.isEmpty() || words.size() > MAX_KEYWORDS) {
            throw KeptException.invalid("sla.rule.keywords", MAX_KEYWORDS, MAX_KEYWORD);
        }
        return new ArrayList<>(words);
    }

    private List<EscalationTier> checked(List<EscalationTier> tiers) {
        if (tiers == null || tiers.size() < 2 || tiers.size() > MAX_TIERS) {
            throw KeptException.invalid("sla.tier.count", MAX_TIERS);
        }
        List<EscalationTier> checked = new ArrayList<>();
        for (int level = 0; level < tiers.size(); level++) {
            EscalationTier t = tiers.get(level);
            if (t == null || t.level() != level) {
                throw KeptException.invalid("sla.tier.levels");
            }
            String zh = t.nameZh() == null ? "" : t.nameZh().strip();
            String en = t.nameEn() == null ? "" : t.nameEn().strip();
            if (zh.isEmpty() || en.isEmpty() || zh.length() > 100 || en.length() > 100) {
                throw KeptException.invalid("sla.tier.name", 100);
            }
            if (t.holder() == null || (level == 0) != (t.holder() == EscalationTier.Holder.AGENT)) {
                throw KeptException.invalid("sla.tier.holder");
            }
            Long team = null;
            if (t.holder() == EscalationTier.Holder.TEAM) {
                if (t.teamId() == null || directory.team(t.teamId()).isEmpty()) {
                    throw KeptException.invalid("error.ticket.team", t.teamId());
                }
                team = t.teamId();
            }
            checked.add(new EscalationTier(level, zh, en, t.holder(), team));
        }
        return checked;
    }

    private void audit(CurrentUser by, String action, String subject, String details) {
        events.publishEvent(new EscalationChanged(by.username(), action, subject, details));
    }

    /** An escalation rule or the ladder changed; the audit log records who did what. */
    record EscalationChanged(String actor, String action, String subject, String details) implements AuditableEvent {
    }
}
