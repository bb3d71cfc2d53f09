package org.kept.aftersales.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * 七日无理由退货 (消费者权益保护法 Art. 25; 网络购买商品七日无理由退货暂行办法 Art. 7): the seven days run from the day
 * after the customer received the goods and end at the close of the seventh, in the centre's time zone; goods of an
 * exempt category (rows an administrator edits) are not returnable without a reason. The refund after an accepted
 * return is due within seven days of receiving the goods back.
 */
public record ReturnWindow(Status status, Instant receivedAt, Instant closesAt) {

    public static final int DAYS = 7;
    public static final Duration REFUND_DUE = Duration.ofDays(7);

    public enum Status {
        /** Not delivered yet: the window has not started. */
        NOT_RECEIVED,
        OPEN,
        CLOSED,
        /** The category is exempt from no-reason returns. */
        EXEMPT
    }

    public static ReturnWindow of(Instant receivedAt, String category, Set<String> exempt, Instant now, ZoneId zone) {
        if (category != null && exempt.contains(category)) {
            return new ReturnWindow(Status.EXEMPT, receivedAt, null);
        }
        if (receivedAt == null) {
            return new ReturnWindow(Status.NOT_RECEIVED, null, null);
        }
        LocalDate received = receivedAt.atZone(zone).toLocalDate();
        Instant closes = received.plusDays(DAYS + 1L).atStartOfDay(zone).toInstant();
        return new ReturnWindow(now.isBefore(closes) ? Status.OPEN : Status.CLOSED, receivedAt, closes);
    }

    /** The last day a no-reason return may be asked for, in the centre's time zone. */
    public LocalDate lastDay(ZoneId zone) {
        return closesAt == null ? null : closesAt.atZone(zone).toLocalDate().minusDays(1);
    }

    public static Instant refundDue(Instant returnReceivedAt) {
        return returnReceivedAt.plus(REFUND_DUE);
    }
}
