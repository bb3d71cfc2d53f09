package org.kept.aftersales.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 七日无理由退货: seven days from the day after receipt, in the centre's time zone; exempt categories; not yet received. */
class ReturnWindowTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Set<String> EXEMPT = Set.of("FRESH", "CUSTOM");

    static Instant local(String t) {
        return java.time.LocalDateTime.parse(t).atZone(SHANGHAI).toInstant();
    }

    @Test
    void sevenDaysRunFromTheDayAfterReceiptToTheEndOfTheSeventh() {
        Instant received = local("2026-11-20T15:00");
        ReturnWindow w = ReturnWindow.of(received, "ELECTRONICS", EXEMPT, local("2026-11-27T23:59:59"), SHANGHAI);
        assertThat(w.status()).isEqualTo(ReturnWindow.Status.OPEN);
        assertThat(w.lastDay(SHANGHAI)).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(ReturnWindow.of(received, "ELECTRONICS", EXEMPT, local("2026-11-28T00:00"), SHANGHAI).status())
                .isEqualTo(ReturnWindow.Status.CLOSED);
    }

    @Test
    void aDeliveryJustBeforeMidnightCountsItsOwnDayAsTheDayOfReceipt() {
        Instant received = local("2026-11-20T23:59:59");
        assertThat(ReturnWindow.of(received, null, EXEMPT, local("2026-11-27T12:00"), SHANGHAI).lastDay(SHANGHAI))
                .isEqualTo(LocalDate.of(2026, 11, 27));
        // the same instant is already the 21st in a centre east of Shanghai
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        assertThat(ReturnWindow.of(received, null, EXEMPT, local("2026-11-27T12:00"), tokyo).lastDay(tokyo))
                .isEqualTo(LocalDate.of(2026, 11, 28));
    }

    @Test
    void theDayOfReceiptItselfIsInside() {
        Instant received = local("2026-11-20T08:00");
        assertThat(ReturnWindow.of(received, null, EXEMPT, received, SHANGHAI).status()).isEqualTo(ReturnWindow.Status.OPEN);
    }

    @Test
    void exemptCategoriesAndUndeliveredGoodsHaveNoWindow() {
        assertThat(ReturnWindow.of(local("2026-11-20T08:00"), "FRESH", EXEMPT, local("2026-11-21T08:00"), SHANGHAI).status())
                .isEqualTo(ReturnWindow.Status.EXEMPT);
        assertThat(ReturnWindow.of(null, "BOOKS", EXEMPT, local("2026-11-21T08:00"), SHANGHAI).status())
                .isEqualTo(ReturnWindow.Status.NOT_RECEIVED);
    }

    @Test
    void theRefundAfterAnAcceptedReturnIsDueSevenDaysLater() {
        assertThat(ReturnWindow.refundDue(Instant.parse("2026-11-20T02:00:00Z"))).isEqualTo(Instant.parse("2026-11-27T02:00:00Z"));
    }
}
