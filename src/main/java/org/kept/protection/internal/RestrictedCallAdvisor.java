package org.kept.protection.internal;

import java.time.Clock;
import java.util.Optional;
import org.kept.phone.NewCallAdvisor;
import org.kept.protection.Restrictions;
import org.kept.protection.Restrictions.Action;
import org.kept.protection.Restrictions.IdentityKind;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A restricted caller's new call, answered to the PBX from the restriction's decision: the caller is warned and goes on
 * to the queue they called, is routed to the harassment queue, or hears where to write instead; only a threat hangs up.
 * Asked before the out-of-hours advice, so a restricted caller at night still hears their own message.
 */
@Component
@Order(50)
class RestrictedCallAdvisor implements NewCallAdvisor {

    private static final String BY = "protection.restriction";

    private final Restrictions restrictions;
    private final Clock clock;

    RestrictedCallAdvisor(Restrictions restrictions, Clock clock) {
        this.restrictions = restrictions;
        this.clock = clock;
    }

    @Override
    public Optional<Advice> advise(NewCall call) {
        if (call.from() == null || call.from().isBlank()) {
            return Optional.empty();
        }
        Restrictions.Decision d = restrictions.check(IdentityKind.PHONE, call.from(), call.at() != null ? call.at() : clock.instant());
        return Optional.ofNullable(advice(d, call.queue()));
    }

    static Advice advice(Restrictions.Decision d, String calledQueue) {
        Action action = d.action();
        return switch (action) {
            case NONE -> null;
            // the warning script, then the service the caller asked for
            case WARN_FIRST -> calledQueue == null ? null : Advice.playThenQueue(d.message(), calledQueue, BY);
            case HARASSMENT_QUEUE -> Advice.playThenQueue(d.message(), d.queue(), BY);
            case IVR_THEN_WRITTEN, REJECT -> Advice.playThenHangup(d.message(), BY);
        };
    }
}
