package org.kept.console;

import org.kept.customer.Customer;
import org.kept.customer.CustomerTier;

/** What the customer panel shows: who the customer is, with phone and email masked unless the viewer may see them. */
record CustomerCard(long id, String name, CustomerTier tier, String phone, String email, String notes, boolean masked) {

    static CustomerCard of(Customer c, PersonalData pd) {
        return new CustomerCard(c.id(), c.name(), c.tier(), pd.phone(c.primaryPhone()), pd.email(c.primaryEmail()),
                pd.text(c.notes()), !pd.visible());
    }
}
