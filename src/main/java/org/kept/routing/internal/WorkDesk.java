package org.kept.routing.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kept.calendar.BusinessCalendar;
import org.kept.calendar.Calendars;
import org.kept.routing.Routing;
import org.kept.routing.WorkAssigned;
import org.kept.shared.KeptException;
import org.kept.ticket.Channel;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Written work from submission to done: queues (or answers out of hours), accepts, declines, finishes. */
@Service
public class WorkDesk implements Routing {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final RoutingStore store;
    private final PresenceDesk presence;
    private final Calendars calendars;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WorkDesk(RoutingStore store, PresenceDesk presence, Calendars calendars, MessageSource messages,
             ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.presence = presence;
        this.calendars = calendars;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    /** Whether a queue is open at a moment, and if not what to say and where (if anywhere) the work goes instead. */
    public record Hours(boolean open, Instant backAt, String answer, RoutingQueue nightQueue) {
    }

    /** The queue's business calendar at {@code now}; a queue without a calendar is always open. */
    public Hours hours(RoutingQueue q, Instant now) {
        if (q.calendarId() == null) {
            return new Hours(true, null, null, null);
        }
        Optional<BusinessCalendar> calendar = calendars.find(q.calendarId());
        if (calendar.isEmpty() || calendar.get().isWorkingTime(now)) {
            return new Hours(true, null, null, null);
        }
        // the first working minute ends a minute after the queue opens again
        Instant back = calendar.get().addMinutes(now, 1).minusSeconds(60);
        String time = TIME.format(back.atZone(calendar.get().timeZone()));
        String answer = q.closedMessage() != null && !q.closedMessage().isBlank()
                ? q.closedMessage().replace("{time}", time)
                : messages.getMessage("routing.closed.answer", new Object[] {time}, Locale.SIMPLIFIED_CHINESE);
        RoutingQueue night = q.closedAction() == RoutingQueue.ClosedAction.NIGHT_QUEUE && q.nightQueueId() != null
                ? store.queue(q.nightQueueId()).orElse(null) : null;
        return new Hours(false, back, answer, night);
    }

    @Override
    @Transactional
    public Submission submit(WorkRequest r) {
        if (r.channel() == null || r.reference() == null || r.reference().isBlank() || r.reference().length() > 200) {
            throw KeptException.invalid("routing.error.work");
        }
        Optional<WorkItem> known = store.itemByReference(r.channel(), r.reference());
        if (known.isPresent()) {
            return queued(known.get());
        }
        RoutingQueue q = store.queueByCode(r.queue()).orElseThrow(() -> KeptException.notFound("queue", r.queue()));
        Instant now = clock.instant();
        Hours hours = hours(q, now);
        if (!hours.open()) {
            if (hours.nightQueue() == null) {
                return new Submission(Outcome.CLOSED, null, q.code(), hours.backAt(), hours.answer());
            }
            q = hours.nightQueue();
        }
        int jump = store.tierJump(r.tier());
        return queued(store.insertItem(q.id(), r.channel(), r.reference(), r.priority(), r.tier(), now, now.minusSeconds(jump)));
    }

    @Override
    public boolean hasQueue(String code) {
        return code != null && store.queueByCode(code).isPresent();
    }

    private Submission queued(WorkItem item) {
        String code = store.queue(item.queueId()).map(RoutingQueue::code).orElse(null);
        return new Submission(Outcome.QUEUED, item.id(), code, null, null);
    }

    @Override
    @Transactional
    public void finish(Channel channel, String reference) {
        store.itemByReference(channel, reference).ifPresent(item -> {
            if ("ASSIGNED".equals(item.state())) {
                finishItem(item, clock.instant());
            } else {
                cancelItem(item);
            }
        });
    }

    @Override
    @Transactional
    public void cancel(Channel channel, String reference) {
        store.itemByReference(channel, reference).ifPresent(this::cancelItem);
    }

    private void cancelItem(WorkItem item) {
        Instant now = clock.instant();
        if (("WAITING".equals(item.state()) || "OFFERED".equals(item.state()))
                && store.close(item.id(), item.agentId(), item.state(), "CANCELLED", now) && item.agentId() != null) {
            store.decideOffer(item.id(), item.agentId(), "WITHDRAWN", now);
        }
    }

    /** The agent takes offered work; announces {@link WorkAssigned}. An offer that ran out or was withdrawn is a 409. */
    @Transactional
    public WorkItem accept(long itemId, long agentId) {
        presence.get(agentId);
        Presence locked = store.lockPresence(agentId).orElseThrow();
        Instant now = clock.instant();
        WorkItem item = mine(itemId, agentId);
        if ("ASSIGNED".equals(item.state())) {
            return item;
        }
        if (!"OFFERED".equals(item.state()) || !store.assign(itemId, agentId, now)) {
            throw KeptException.conflict("routing.error.offerGone");
        }
        store.decideOffer(itemId, agentId, "ACCEPTED", now);
        presence.workTaken(locked, now);
        String queue = store.queue(item.queueId()).map(RoutingQueue::code).orElse(null);
        events.publishEvent(new WorkAssigned(itemId, item.channel(), item.reference(), queue, agentId, now));
        return store.item(itemId).orElseThrow();
    }

    /** The agent declines: the work goes back to its queue for the next agent. */
    @Transactional
    public void decline(long itemId, long agentId) {
        WorkItem item = mine(itemId, agentId);
        if (!"OFFERED".equals(item.state()) || !store.unoffer(itemId, agentId)) {
            throw KeptException.conflict("routing.error.offerGone");
        }
        store.decideOffer(itemId, agentId, "DECLINED", clock.instant());
    }

    /** The agent finished work they hold. */
    @Transactional
    public void finish(long itemId, long agentId) {
        WorkItem item = mine(itemId, agentId);
        if ("DONE".equals(item.state())) {
            return;
        }
        if (!"ASSIGNED".equals(item.state())) {
            throw KeptException.conflict("routing.error.notHeld");
        }
        finishItem(item, clock.instant());
    }

    private void finishItem(WorkItem item, Instant now) {
        long agentId = item.agentId();
        Presence locked = store.lockPresence(agentId).orElseThrow();
        if (store.close(item.id(), agentId, "ASSIGNED", "DONE", now)) {
            boolean still = store.ofAgent(agentId).stream().anyMatch(w -> "ASSIGNED".equals(w.state()));
            presence.workFinished(locked, item.channel(), still, now);
        }
    }

    private WorkItem mine(long itemId, long agentId) {
        WorkItem item = store.item(itemId).orElseThrow(() -> KeptException.notFound("work", itemId));
        if (item.agentId() == null || item.agentId() != agentId) {
            throw KeptException.notFound("work", itemId);
        }
        return item;
    }

    /** Work offered to or held by the agent. */
    public List<WorkItem> workOf(long agentId) {
        return store.ofAgent(agentId);
    }

    public Optional<RoutingQueue> queueByCode(String code) {
        return store.queueByCode(code);
    }

    public Optional<WorkItem> item(long id) {
        return store.item(id);
    }
}
