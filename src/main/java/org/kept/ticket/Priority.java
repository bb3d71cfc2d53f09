package org.kept.ticket;

/** P1 is the most urgent; stored as its rank so queues sort on an index. */
public enum Priority {
    P1, P2, P3, P4;

    public int rank() {
        return ordinal() + 1;
    }

    public static Priority ofRank(int rank) {
        return values()[rank - 1];
    }
}
