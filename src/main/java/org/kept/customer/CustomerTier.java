package org.kept.customer;

/** Tiers add extras; they never take away the baseline every customer gets. */
public enum CustomerTier {
    STANDARD, PLUS, VIP
}
