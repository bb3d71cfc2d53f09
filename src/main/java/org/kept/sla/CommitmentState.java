package org.kept.sla;

/** Where a promise (承诺) stands; the names are the stored values. CANCELLED: dropped, with a reason, when its ticket closed. */
public enum CommitmentState {
    OPEN, KEPT, MISSED, CANCELLED
}
