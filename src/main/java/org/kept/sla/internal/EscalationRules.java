package org.kept.sla.internal;

import java.util.List;
import java.util.Optional;
import org.kept.customer.CustomerSummary;
import org.kept.customer.Customers;
import org.kept.ticket.TicketView;
import org.springframework.stereotype.Component;

/** Evaluates the administrator's escalation rules against a ticket: in order, the first that holds wins. */
@Component
class EscalationRules {

    private final RuleStore store;
    private final Customers customers;

    EscalationRules(RuleStore store, Customers customers) {
        this.store = store;
        this.customers = customers;
    }

    Optional<PendingRule> first(TicketView t, int contacts) {
        EscalationFacts facts = EscalationFacts.of(t, contacts, () -> {
            CustomerSummary c = customers.summaries(List.of(t.customerId())).get(t.customerId());
            return c == null ? null : c.tier();
        });
        for (EscalationRule rule : store.ordered()) {
            Optional<PendingRule> asked = rule.match(facts);
            if (asked.isPresent()) {
                return asked;
            }
        }
        return Optional.empty();
    }

    EscalationTiers tiers() {
        return store.tiers();
    }
}
