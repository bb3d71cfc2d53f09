package org.kept.customer;

import java.util.List;

/** What it takes to record a customer; phones are parsed to E.164, emails lower-cased. */
public record NewCustomer(String name, CustomerTier tier, String notes, List<String> phones, List<String> emails) {

    public NewCustomer {
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
        tier = tier == null ? CustomerTier.STANDARD : tier;
    }
}
