package org.kept.identity;

import org.kept.shared.KeptException;

/**
 * Which team's figures a report shows to its reader. With REPORT_ALL_TEAMS: the team asked for, or every team.
 * Otherwise (a team lead, 组长): their own team only; asking for another team is refused, asking for none is theirs.
 */
public record ReportScope(Long teamId) {

    /** The scope for this reader asking for {@code requestedTeam} (null: no team named). */
    public static ReportScope of(CurrentUser reader, Long requestedTeam) {
        if (reader.can(Permission.REPORT_ALL_TEAMS)) {
            return new ReportScope(requestedTeam);
        }
        if (reader.teamId() == null) {
            throw KeptException.forbidden("report.team.none");
        }
        if (requestedTeam != null && !requestedTeam.equals(reader.teamId())) {
            throw KeptException.forbidden("report.team.forbidden");
        }
        return new ReportScope(reader.teamId());
    }

    /** Whether a row of this team belongs in the report. */
    public boolean shows(Long team) {
        return teamId == null || teamId.equals(team);
    }
}
