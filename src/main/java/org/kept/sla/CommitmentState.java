package org.kept.sla;

/** Where a promise (承诺) stands; the names are the stored values. */
public enum CommitmentState {
    OPEN, KEPT, MISSED
}
