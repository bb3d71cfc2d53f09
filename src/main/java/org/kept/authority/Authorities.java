package org.kept.authority;

import org.kept.identity.CurrentUser;
import org.kept.shared.Money;

/**
 * The authority limits (授权) as another module asks them on a person's behalf, a refund for instance: within the
 * person's limits the action is granted at once; above them the same call files an exception request (特例申请) along
 * the chain computed from the limits, and {@link AuthorityRequestEnded} says later how it ended. Refused (4xx) like
 * the grant form: an unknown action, no reason, no evidence above the limit, nobody who may approve.
 */
public interface Authorities {

    /** What is asked on a ticket: an action code (a row of the action kinds), its amount, why, and the evidence. */
    record Ask(long ticketId, String action, Money amount, String reason, String evidence) {
    }

    /** Exactly one of the two: the grant made at once, or the exception request filed. */
    record Answer(Long grantId, Long requestId) {
        public boolean granted() {
            return grantId != null;
        }
    }

    /** Grants or files a request in the caller's transaction, so a refusal further on leaves neither behind. */
    Answer grantOrRequest(Ask ask, CurrentUser by);
}
