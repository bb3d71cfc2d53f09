package org.kept.shared;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in the currency's smallest unit (分 for CNY) with its ISO 4217 code: never a double, so a refund
 * of ¥0.10 three times is ¥0.30 and a limit compares exactly.
 */
public record Money(long minor, String currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.length() != 3) {
            throw new IllegalArgumentException("a currency is an ISO 4217 code: " + currency);
        }
        currency = currency.toUpperCase(java.util.Locale.ROOT);
    }

    public static Money of(long minor, String currency) {
        return new Money(minor, currency);
    }

    /** "12.30" in CNY is 1230 分; more decimals than the currency has are refused, not rounded. */
    public static Money parse(String amount, String currency) {
        int digits = Currency.getInstance(currency.toUpperCase(java.util.Locale.ROOT)).getDefaultFractionDigits();
        try {
            BigDecimal value = new BigDecimal(amount.trim()).movePointRight(Math.max(digits, 0));
            return new Money(value.longValueExact(), currency);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("not an amount in " + currency + ": " + amount, e);
        }
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        same(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        same(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public boolean exceeds(Money other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Money other) {
        same(other);
        return Long.compare(minor, other.minor);
    }

    /** "12.30" for 1230 分: the shape providers' APIs and bills use. */
    public String decimal() {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    @Override
    public String toString() {
        return decimal() + " " + currency;
    }

    private void same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("different currencies: " + currency + " and " + other.currency);
        }
    }
}
