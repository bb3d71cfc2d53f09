package org.kept.sla.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kept.customer.CustomerTier;
import org.kept.ticket.Priority;

/**
 * One condition of an escalation rule (升级规则条件). A rule holds when all its conditions hold; each says why it held,
 * and those reasons are what the escalation records.
 */
public sealed interface EscalationCondition {

    /** Why it holds for these facts, or empty when it does not. */
    Optional<String> reason(EscalationFacts facts);

    /** The subject or description contains any of the words (case-insensitive); the first one found is the reason. */
    record TextContains(List<String> keywords) implements EscalationCondition {
        public TextContains {
            keywords = List.copyOf(keywords);
        }

        @Override
        public Optional<String> reason(EscalationFacts facts) {
            return keywords.stream().filter(k -> facts.text().contains(k.toLowerCase(Locale.ROOT))).findFirst()
                    .map(k -> "keyword " + k);
        }
    }

    record PriorityIs(Priority priority) implements EscalationCondition {
        @Override
        public Optional<String> reason(EscalationFacts facts) {
            return facts.priority() == priority ? Optional.of("priority " + priority) : Optional.empty();
        }
    }

    /** The customer contacted us about it at least this often, the first contact included. */
    record ContactsAtLeast(int contacts) implements EscalationCondition {
        @Override
        public Optional<String> reason(EscalationFacts facts) {
            // name the cause, not its effect (repeat contacts raise the priority too)
            return facts.contacts() >= contacts ? Optional.of("contacted " + facts.contacts() + " times") : Optional.empty();
        }
    }

    record CategoryIs(String category) implements EscalationCondition {
        @Override
        public Optional<String> reason(EscalationFacts facts) {
            return category.equals(facts.category()) ? Optional.of("category " + category) : Optional.empty();
        }
    }

    record CustomerTierIs(CustomerTier tier) implements EscalationCondition {
        @Override
        public Optional<String> reason(EscalationFacts facts) {
            return facts.tier() == tier ? Optional.of("customer tier " + tier) : Optional.empty();
        }
    }
}
