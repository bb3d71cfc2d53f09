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

    /** By name fragment, phone (any format) or email. */
    List<Customer> search(String text, int limit);

    Optional<Customer> byPhone(String e164);

    Map<Long, CustomerSummary> summaries(Collection<Long> ids);

    /** Returns one value in full and audits who saw it and why. */
    String reveal(long customerId, String field, String reason, String actor);
}
