package org.kept.routing.internal;

import java.time.Clock;
import java.util.Optional;
import org.kept.phone.NewCallAdvisor;
import org.kept.ticket.Channel;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Out of hours for voice: a new call to a phone queue whose business calendar is closed is answered "we're back at …"
 * and hung up, or sent to the emergency night queue, as the queue says. The PBX still owns voice routing in hours.
 */
@Component
@Order(100)
class OutOfHoursAdvisor implements NewCallAdvisor {

    private final WorkDesk work;
    private final Clock clock;

    OutOfHoursAdvisor(WorkDesk work, Clock clock) {
        this.work = work;
        this.clock = clock;
    }

    @Override
    public Optional<Advice> advise(NewCall call) {
        if (call.queue() == null) {
            return Optional.empty();
        }
        return work.queueByCode(call.queue()).filter(q -> q.channel() == Channel.PHONE).flatMap(q -> {
            WorkDesk.Hours hours = work.hours(q, call.at() != null ? call.at() : clock.instant());
            if (hours.open()) {
                return Optional.empty();
            }
            return Optional.of(hours.nightQueue() != null
                    ? Advice.playThenQueue(hours.answer(), hours.nightQueue().code(), "routing.out-of-hours")
                    : Advice.playThenHangup(hours.answer(), "routing.out-of-hours"));
        });
    }
}
