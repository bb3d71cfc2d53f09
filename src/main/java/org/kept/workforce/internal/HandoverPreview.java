package org.kept.workforce.internal;

import java.util.Map;

/**
 * What signing a handover sheet would do now: tickets per new owner (user id) and per team queue (team id), how many
 * move in all, P1 complaints among them (and how many would go to a queue with nobody named), and the promises that
 * move with them.
 */
public record HandoverPreview(Map<Long, Integer> perOwner, Map<Long, Integer> perTeam, int tickets, int p1Complaints,
                              int p1ComplaintsToQueue, int promises) {
}
