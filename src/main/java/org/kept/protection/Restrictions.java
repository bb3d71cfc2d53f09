package org.kept.protection;

import java.time.Instant;

/**
 * Caller restrictions as the channels and the router see them: one question per incoming contact. A restriction
 * never drops a caller silently: it warns, routes to the harassment queue with an automatic message, or sends the
 * caller from the IVR to a written channel; only a threat may reject, and never a caller with an open complaint.
 */
public interface Restrictions {

    /** Whose contact it is: a phone number (any format), a customer account id, an email address, a WeChat openid. */
    enum IdentityKind {
        PHONE, ACCOUNT, EMAIL, WECHAT
    }

    /** What a restriction does. {@link #NONE} is the decision for a caller nothing restricts. */
    enum Action {
        NONE, WARN_FIRST, HARASSMENT_QUEUE, IVR_THEN_WRITTEN, REJECT
    }

    /**
     * The answer for one contact. {@code queue} is the routing queue for HARASSMENT_QUEUE; {@code message} the
     * automatic message to play or send (and {@code appealPath}, the page where the caller may appeal). {@code downgraded}: the restriction said REJECT but the caller has an open complaint, so they are
     * routed to the harassment queue instead.
     */
    record Decision(Action action, Long restrictionId, String queue, String message, String appealPath,
                    boolean downgraded) {

        public static final Decision NONE = new Decision(Action.NONE, null, null, null, null, false);

        public boolean restricted() {
            return action != Action.NONE;
        }
    }

    /** The decision for a contact from this identity at this time; counts a hit on the restriction that decided it. */
    Decision check(IdentityKind kind, String value, Instant at);
}
