package org.kept.sla.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kept.customer.CustomerTier;
import org.kept.ticket.Priority;

/**
 * An escalation rule (升级规则) in the spirit of a help desk's triggers: when all conditions hold, escalate the ticket to
 * {@code tier}. Rules are tried in {@code position} order and the first that holds wins.
 */
public record EscalationRule(long id, String name, int position, boolean enabled, List<EscalationCondition> conditions,
                             int tier, int version) {

    public EscalationRule {
        conditions = List.copyOf(conditions);
    }

    /** The escalation this rule asks for, with the reasons its conditions give; empty when it does not hold. */
    Optional<PendingRule> match(EscalationFacts facts) {
        if (!enabled || conditions.isEmpty()) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>(conditions.size());
        for (EscalationCondition c : conditions) {
            Optional<String> why = c.reason(facts);
            if (why.isEmpty()) {
                return Optional.empty();
            }
            reasons.add(why.get());
        }
        return Optional.of(new PendingRule(id, tier, String.join(", ", reasons)));
    }

    /** The conditions from the stored (and the API's) shape: one optional field per kind of condition. */
    public static List<EscalationCondition> conditions(List<String> keywords, Priority priority, Integer minContacts,
                                                       String category, CustomerTier customerTier) {
        List<EscalationCondition> all = new ArrayList<>();
        if (keywords != null) {
            all.add(new EscalationCondition.TextContains(keywords));
        }
        if (priority != null) {
            all.add(new EscalationCondition.PriorityIs(priority));
        }
        if (minContacts != null) {
            all.add(new EscalationCondition.ContactsAtLeast(minContacts));
        }
        if (category != null) {
            all.add(new EscalationCondition.CategoryIs(category));
        }
        if (customerTier != null) {
            all.add(new EscalationCondition.CustomerTierIs(customerTier));
        }
        return all;
    }

    public List<String> keywords() {
        return find(EscalationCondition.TextContains.class).map(EscalationCondition.TextContains::keywords).orElse(null);
    }

    public Priority priority() {
        return find(EscalationCondition.PriorityIs.class).map(EscalationCondition.PriorityIs::priority).orElse(null);
    }

    public Integer minContacts() {
        return find(EscalationCondition.ContactsAtLeast.class).map(EscalationCondition.ContactsAtLeast::contacts).orElse(null);
    }

    public String category() {
        return find(EscalationCondition.CategoryIs.class).map(EscalationCondition.CategoryIs::category).orElse(null);
    }

    public CustomerTier customerTier() {
        return find(EscalationCondition.CustomerTierIs.class).map(EscalationCondition.CustomerTierIs::tier).orElse(null);
    }

    /** The conditions in a line, for the audit log. */
    String describe() {
        return conditions.stream().map(Object::toString).collect(Collectors.joining(" and "))
                + " -> tier " + tier + (enabled ? "" : " (disabled)");
    }

    private <C extends EscalationCondition> Optional<C> find(Class<C> kind) {
        return conditions.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }
}
