package org.kept.sla.internal;

/**
 * One tier of the escalation ladder (升级层级): level 0 is whoever holds the ticket; a later level is taken by a lead of
 * the ticket's own team ({@link Holder#TEAM_LEAD}) or by a given team ({@link Holder#TEAM}, {@code teamId}).
 */
public record EscalationTier(int level, String nameZh, String nameEn, Holder holder, Long teamId) {

    public enum Holder {
        /** Whoever holds the ticket: only level 0. */
        AGENT,
        /** A lead of the ticket's own team. */
        TEAM_LEAD,
        /** The team {@code teamId}, unassigned within it. */
        TEAM
    }
}
