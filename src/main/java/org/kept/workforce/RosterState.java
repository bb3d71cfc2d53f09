package org.kept.workforce;

/** Where a roster stands: built, being solved in the background, solved, published to the agents, or failed. */
public enum RosterState {
    DRAFT, SOLVING, SOLVED, PUBLISHED, FAILED
}
