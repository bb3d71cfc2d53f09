package org.kept.identity;

/**
 * The customer records a portal login may belong to. The customer module implements it: it depends on identity, so
 * identity asks through this interface instead of reading the customer table. Without an implementation the
 * database's foreign key is the only guard.
 */
public interface PortalCustomers {

    boolean exists(long customerId);
}
