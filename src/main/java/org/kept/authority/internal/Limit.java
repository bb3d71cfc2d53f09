package org.kept.authority.internal;

import org.kept.shared.Money;

/**
 * What a holder ({@code role:LEAD} or {@code user:42}) may grant of one action in one currency: per case, per agent and
 * day (null: no cap), per customer over 30 days (null: no cap).
 */
public record Limit(long id, String holder, String action, String currency, long perCase, Long perDay,
                    Long perCustomer30d) {

    /** Which cap an amount would pass, given what was granted already; NONE when it is within all of them. */
    public Breach check(long amount, Totals totals) {
        if (amount > perCase) {
            return Breach.PER_CASE;
        }
        if (perDay != null && totals.agentToday() + amount > perDay) {
            return Breach.PER_DAY;
        }
        if (perCustomer30d != null && totals.customer30d() + amount > perCustomer30d) {
            return Breach.PER_CUSTOMER;
        }
        return Breach.NONE;
    }

    public boolean covers(long amount, Totals totals) {
        return check(amount, totals) == Breach.NONE;
    }

    public Money perCaseMoney() {
        return Money.of(perCase, currency);
    }

    public Money perDayMoney() {
        return perDay == null ? null : Money.of(perDay, currency);
    }

    public Money perCustomer30dMoney() {
        return perCustomer30d == null ? null : Money.of(perCustomer30d, currency);
    }

    public boolean personal() {
        return holder.startsWith("user:");
    }

    /** The cap an amount passes; NO_LIMIT when the holder has no limit for the action at all. */
    public enum Breach {
        NONE, PER_CASE, PER_DAY, PER_CUSTOMER, NO_LIMIT
    }

    /** What was granted already: by the agent today (the centre's day) and to the customer in the last 30 days. */
    public record Totals(long agentToday, long customer30d) {
    }
}
