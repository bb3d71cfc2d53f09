package org.kept.routing.web;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kept.routing.internal.PresenceDesk;
import org.kept.routing.internal.RoutingQueue;
import org.kept.routing.internal.RuleDesk;
import org.kept.routing.internal.WorkDesk;
import org.springframework.stereotype.Component;

/** What the API and the pages both show of an agent's presence and work. */
@Component
class RoutingViews {

    private final PresenceDesk presence;
    private final WorkDesk work;
    private final RuleDesk rules;

    RoutingViews(PresenceDesk presence, WorkDesk work, RuleDesk rules) {
        this.presence = presence;
        this.work = work;
        this.rules = rules;
    }

    RoutingJson.PresenceView of(long userId, Locale locale) {
        var p = presence.get(userId);
        boolean zh = locale != null && "zh".equals(locale.getLanguage());
        // the reasons an agent may choose (active ones), and the one they are in even if it was deactivated since
        List<RoutingJson.Reason> reasons = presence.reasons().stream()
                .filter(r -> "1".equals(r[3]) || r[0].equals(p.reason()))
                .map(r -> new RoutingJson.Reason(r[0], zh ? r[1] : r[2])).toList();
        Map<Long, String> queues = new HashMap<>();
        rules.queues().forEach(q -> queues.put(q.id(), q.name()));
        List<RoutingJson.Work> items = work.workOf(userId).stream()
                .map(w -> RoutingJson.Work.of(w, queues.get(w.queueId()))).toList();
        return RoutingJson.presence(p, reasons, items);
    }

    static String queueName(List<RoutingQueue> queues, Long id) {
        return id == null ? null : queues.stream().filter(q -> q.id() == id).map(RoutingQueue::name).findFirst().orElse(null);
    }
}
