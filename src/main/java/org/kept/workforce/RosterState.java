package org.kept.workforce;

/**
 * Where a roster stands: built, being solved in the background, solved, published to the agents, failed, or
 * superseded (it was published, then a new version of it was; kept for history, agents no longer see it).
 */
public enum RosterState {
    DRAFT, SOLVING, SOLVED, PUBLISHED, FAILED, SUPERSEDED
}
