package org.kept.routing.internal;

import java.util.List;
import org.kept.ticket.Channel;

/** A queue and its rules, as an administrator set them. */
public record RoutingQueue(long id, String code, String name, Channel channel, int priority, Strategy strategy,
                           Integer overflowAfterSeconds, Long overflowQueueId, Long calendarId, ClosedAction closedAction,
                           Long nightQueueId, String closedMessage, int offerTimeoutSeconds, int version,
                           List<Skill> skills) {

    public enum Strategy {
        LONGEST_IDLE, LEAST_OCCUPIED
    }

    /** Out of hours: answer "we're back at …", or queue the work in the emergency night queue. */
    public enum ClosedAction {
        ANSWER, NIGHT_QUEUE
    }

    /** A skill the queue's work needs, at least at {@code minLevel}. */
    public record Skill(String skill, int minLevel) {
    }

    RoutingQueue withSkills(List<Skill> s) {
        return new RoutingQueue(id, code, name, channel, priority, strategy, overflowAfterSeconds, overflowQueueId,
                calendarId, closedAction, nightQueueId, closedMessage, offerTimeoutSeconds, version, s);
    }
}
