package org.kept.customer;

/** What a ticket list shows of its customer. */
public record CustomerSummary(long id, String name, CustomerTier tier, String phone) {
}
