package org.kept.sla.internal;

/** Per team, expedites requested in a period: how many, honoured, missed, still open. */
public record TeamFigures(Long teamId, long requested, long honoured, long missed, long pending) {
}
