package org.kept.routing.web;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kept.routing.PresenceState;
import org.kept.routing.internal.ChannelRule;
import org.kept.routing.internal.Presence;
import org.kept.routing.internal.RoutingQueue;
import org.kept.routing.internal.WorkItem;
import org.kept.ticket.Channel;

/** The routing API's shapes. */
final class RoutingJson {

    private RoutingJson() {
    }

    record PresenceView(long userId, PresenceState state, String reason, String reasonName, Instant since,
                        Instant acwUntil, List<Reason> reasons, List<Work> work) {
    }

    record Reason(String code, String name) {
    }

    /** Offered or held work; {@code reference} is the channel's own id (a chat or mail id), never personal data. */
    record Work(long id, Channel channel, String queue, String reference, String state, Instant offerExpiresAt,
                Instant assignedAt, Instant submittedAt) {

        static Work of(WorkItem w, String queue) {
            return new Work(w.id(), w.channel(), queue, w.reference(), w.state(), w.offerExpiresAt(), w.assignedAt(),
                    w.submittedAt());
        }
    }

    record SetPresence(PresenceState state, String reason) {
    }

    record QueueBody(String code, String name, Channel channel, Integer priority, RoutingQueue.Strategy strategy,
                     Integer overflowAfterSeconds, Long overflowQueueId, Long calendarId,
                     RoutingQueue.ClosedAction closedAction, Long nightQueueId, String closedMessage,
                     Integer offerTimeoutSeconds, List<RoutingQueue.Skill> skills, Integer version) {

        RoutingQueue toQueue(long id) {
            return new RoutingQueue(id, code == null ? null : code.strip(), name == null ? null : name.strip(), channel,
                    priority == null ? 0 : priority, strategy == null ? RoutingQueue.Strategy.LONGEST_IDLE : strategy,
                    overflowAfterSeconds, overflowQueueId, calendarId,
                    closedAction == null ? RoutingQueue.ClosedAction.ANSWER : closedAction, nightQueueId,
                    closedMessage == null || closedMessage.isBlank() ? null : closedMessage.strip(),
                    offerTimeoutSeconds == null ? 30 : offerTimeoutSeconds, version == null ? 0 : version,
                    skills == null ? List.of() : List.copyOf(skills));
        }
    }

    record Skills(Map<String, Integer> skills) {
    }

    record ChannelBody(Integer capacity, Integer acwSeconds, Set<Channel> blocks) {

        ChannelRule toRule(Channel channel) {
            return new ChannelRule(channel, capacity == null ? 0 : capacity, acwSeconds == null ? 0 : acwSeconds,
                    blocks == null || blocks.isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(blocks));
        }
    }

    static PresenceView presence(Presence p, List<Reason> reasons, List<Work> work) {
        String name = p.reason() == null ? null : reasons.stream().filter(r -> r.code().equals(p.reason()))
                .map(Reason::name).findFirst().orElse(p.reason());
        return new PresenceView(p.userId(), p.state(), p.reason(), name, p.since(), p.acwUntil(), reasons, work);
    }
}
