package org.kept.customer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The customer register other modules use. */
public interface Customers {

    Customer create(NewCustomer customer, String actor);

    Optional<Customer> find(long id);

    Customer get(long id);

    /**
     * By a fragment of the name, phone (any format, or its last digits) or email, for a reader. A reader without
     * personal-data rights is matched against the masked phones and emails only, so a fragment never confirms a
     * hidden digit; their look-ups by a whole number or address (an agent taking a call) are rate-limited per reader
     * (429 with Retry-After past the limit) and each one is audited ({@link ContactLookedUp}).
     */
    List<Customer> search(String text, int limit, org.kept.identity.CurrentUser reader);

    /** A search with personal-data rights, for callers acting for the centre rather than for a reader. */
    List<Customer> search(String text, int limit);

    Optional<Customer> byPhone(String e164);

    /** The customer with this email address (compared lower-cased), the lowest id when several share it. */
    Optional<Customer> byEmail(String email);

    Map<Long, CustomerSummary> summaries(Collection<Long> ids);

    /** The language the customer reads; zh-CN unless they wrote to us in another. */
    java.util.Locale preferredLocale(long customerId);

    /** Remembers the language the customer reads (the portal calls this with the browser's language). */
    void preferLocale(long customerId, java.util.Locale locale);

    /** Returns one value in full and audits who saw it and why. */
    String reveal(long customerId, String field, String reason, String actor);
}
