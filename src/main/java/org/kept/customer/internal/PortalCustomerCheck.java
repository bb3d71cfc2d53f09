package org.kept.customer.internal;

import org.kept.customer.Customers;
import org.kept.identity.PortalCustomers;
import org.springframework.stereotype.Component;

/** Tells identity whether a customer record exists before it gives the customer a portal login. */
@Component
class PortalCustomerCheck implements PortalCustomers {

    private final Customers customers;

    PortalCustomerCheck(Customers customers) {
        this.customers = customers;
    }

    @Override
    public boolean exists(long customerId) {
        return customers.find(customerId).isPresent();
    }
}
