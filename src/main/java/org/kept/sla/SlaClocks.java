package org.kept.sla;

/** Starting clocks for tickets that have none (recorded before SLA policies existed, or loaded in bulk). */
public interface SlaClocks {

    /** Starts a clock for every active ticket without one; returns how many were started. */
    int startMissing();
}
