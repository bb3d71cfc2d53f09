package org.kept.contact.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kept.contact.OutboundSender;
import org.kept.contact.OutboundSettled;
import org.kept.contact.OutboxMessage;
import org.kept.shared.DatabaseOutage;
import org.kept.ticket.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the outbox: leases each due row (compare-and-set on next_at, so two instances never both send it), sends it
 * through its channel's sender outside any transaction, then records the provider's id, or a retry with doubling
 * backoff, or the failure. A crash after the provider's answer and before our commit leaves the row to come round
 * after the lease; the sender passes {@link OutboxMessage#key()} so the provider drops the second copy.
 */
@Component
public class OutboxWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final OutboxStore store;
    private final Map<Channel, OutboundSender> senders;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DatabaseOutage outage;
    private final Duration lease;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final int maxAttempts;
    private final boolean enabled;

    OutboxWorker(OutboxStore store, List<OutboundSender> senders, ApplicationEventPublisher events,
                 PlatformTransactionManager txManager, Clock clock, DatabaseOutage outage,
                 @Value("${kept.outbox.lease:PT1M}") Duration lease,
                 @Value("${kept.outbox.first-retry:PT10S}") Duration firstRetry,
                 @Value("${kept.outbox.max-retry:PT30M}") Duration maxRetry,
                 @Value("${kept.outbox.max-attempts:8}") int maxAttempts,
                 @Value("${kept.outbox.poller-enabled:true}") boolean enabled) {
        this.store = store;
        this.senders = senders.stream().collect(Collectors.toMap(OutboundSender::channel, Function.identity()));
        this.events = events;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
        this.outage = outage;
        this.lease = lease;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.maxAttempts = maxAttempts;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${kept.outbox.poll-interval:PT0.5S}", initialDelayString = "${kept.outbox.poll-delay:PT5S}")
    void poll() {
        if (!enabled || outage.away()) {
            return;
        }
        drain();
    }

    /** Sends everything due now; returns how many rows it settled or rescheduled. Tests call it after moving the clock. */
    public int drain() {
        int done = 0;
        List<OutboxMessage> due;
        do {
            due = store.due(clock.instant(), 50);
            for (OutboxMessage m : due) {
                if (sendOne(m)) {
                    done++;
                }
            }
        } while (due.size() == 50);
        return done;
    }

    private boolean sendOne(OutboxMessage m) {
        Instant now = clock.instant();
        Boolean mine = tx.execute(s -> store.lease(m, now.plus(lease)));
        if (!Boolean.TRUE.equals(mine)) {
            return false;
        }
        int attempt = m.attempts() + 1;
        OutboundSender sender = senders.get(m.channel());
        if (sender == null) {
            settle(m, null, "no sender for channel " + m.channel(), false);
            return true;
        }
        try {
            String providerId = sender.send(m);
            settle(m, providerId, null, false);
        } catch (OutboundSender.Retry e) {
            settle(m, null, e.getMessage(), attempt < maxAttempts);
        } catch (Exception e) {
            log.warn("Outbox message {} ({}) failed for good: {}", m.id(), m.channel(), e.toString());
            settle(m, null, e.getMessage() == null ? e.toString() : e.getMessage(), false);
        }
        return true;
    }

    private void settle(OutboxMessage m, String providerId, String error, boolean again) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            if (error == null) {
                store.sent(m.id(), providerId, now);
                events.publishEvent(new OutboundSettled(m.id(), m.channel(), m.contactId(), true, providerId, null));
            } else if (again) {
                store.retry(m.id(), now.plus(backoff(m.attempts() + 1)), error);
            } else {
                store.failed(m.id(), error);
                events.publishEvent(new OutboundSettled(m.id(), m.channel(), m.contactId(), false, null, error));
            }
        });
    }

    /** 10 s, 20 s, 40 s … up to the maximum. */
    Duration backoff(int attempt) {
        Duration d = firstRetry.multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(maxRetry) > 0 ? maxRetry : d;
    }
}
