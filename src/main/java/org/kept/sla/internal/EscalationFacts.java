package org.kept.sla.internal;

import java.util.Locale;
import java.util.function.Supplier;
import org.kept.customer.CustomerTier;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketView;

/** What escalation rules look at in a ticket. The customer's tier is looked up only if a rule asks for it. */
public final class EscalationFacts {

    private final String text;
    private final Priority priority;
    private final int contacts;
    private final String category;
    private final Supplier<CustomerTier> tierLookup;
    private CustomerTier tier;
    private boolean tierKnown;

    EscalationFacts(String text, Priority priority, int contacts, String category, Supplier<CustomerTier> tier) {
        this.text = text.toLowerCase(Locale.ROOT);
        this.priority = priority;
        this.contacts = contacts;
        this.category = category;
        this.tierLookup = tier;
    }

    static EscalationFacts of(TicketView t, int contacts, Supplier<CustomerTier> tier) {
        return new EscalationFacts(t.subject() + " " + (t.description() == null ? "" : t.description()), t.priority(),
                contacts, t.category(), tier);
    }

    /** Subject and description, lower-cased. */
    String text() {
        return text;
    }

    Priority priority() {
        return priority;
    }

    int contacts() {
        return contacts;
    }

    String category() {
        return category;
    }

    CustomerTier tier() {
        if (!tierKnown) {
            tier = tierLookup.get();
            tierKnown = true;
        }
        return tier;
    }
}
