package org.kept.authority;

/**
 * An exception request ended: APPROVED (with the grant it made), REJECTED, WITHDRAWN or EXPIRED. Published in the
 * transaction that ended it, so whoever waits on it (a refund held for approval) moves with it or not at all.
 */
public record AuthorityRequestEnded(long requestId, long ticketId, String action, String state, Long grantId) {

    public boolean approved() {
        return "APPROVED".equals(state);
    }
}
