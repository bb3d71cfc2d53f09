package org.kept.customer;

import java.time.OffsetDateTime;
import java.util.List;

/** A customer with all contact points, unmasked: mask at the edge for viewers without the right to see them. */
public record Customer(long id, String name, CustomerTier tier, String notes, List<String> phones, List<String> emails,
                      OffsetDateTime createdAt, int version) {

    public Customer {
        phones = List.copyOf(phones);
        emails = List.copyOf(emails);
    }

    public String primaryPhone() {
        return phones.isEmpty() ? null : phones.get(0);
    }

    public String primaryEmail() {
        return emails.isEmpty() ? null : emails.get(0);
    }
}
