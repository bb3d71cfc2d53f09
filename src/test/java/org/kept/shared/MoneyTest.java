package org.kept.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void parsesAndPrintsInTheCurrencysSmallestUnit() {
        assertThat(Money.parse("12.30", "cny")).isEqualTo(Money.of(1230, "CNY"));
        assertThat(Money.parse("5", "CNY").minor()).isEqualTo(500);
        assertThat(Money.parse("1000", "JPY").minor()).isEqualTo(1000);
        assertThat(Money.of(1230, "CNY").decimal()).isEqualTo("12.30");
        assertThat(Money.of(7, "CNY").decimal()).isEqualTo("0.07");
    }

    @Test
    void refusesMoreDecimalsThanTheCurrencyHasAndMixedCurrencies() {
        assertThatThrownBy(() -> Money.parse("0.001", "CNY")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("abc", "CNY")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, "CNY").plus(Money.of(1, "USD")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addsAndComparesExactly() {
        Money tenFen = Money.of(10, "CNY");
        assertThat(tenFen.plus(tenFen).plus(tenFen)).isEqualTo(Money.parse("0.30", "CNY"));
        assertThat(Money.of(501, "CNY").exceeds(Money.of(500, "CNY"))).isTrue();
        assertThat(Money.of(500, "CNY").minus(Money.of(501, "CNY")).isPositive()).isFalse();
    }
}
