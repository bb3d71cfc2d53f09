package org.kept.workforce.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.KeptException;
import org.kept.workforce.Skill;
import org.kept.workforce.internal.TeamSkillDesk;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The skills a team's members bring to a roster by default. */
@RestController
@Tag(name = "workforce")
class TeamSkillsApi {

    private final TeamSkillDesk skills;
    private final Directory directory;

    TeamSkillsApi(TeamSkillDesk skills, Directory directory) {
        this.skills = skills;
        this.directory = directory;
    }

    record TeamSkillsJson(long teamId, List<Skill> skills) {
        static TeamSkillsJson of(long teamId, Set<Skill> skills) {
            return new TeamSkillsJson(teamId, skills.stream().sorted().toList());
        }
    }

    record SkillsBody(List<Skill> skills) {
    }

    @GetMapping("/api/v1/workforce/teams/{teamId}/skills")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    @Operation(summary = "A team's default skills for rosters (HOTLINE for a team nobody configured)")
    TeamSkillsJson get(@PathVariable long teamId) {
        if (directory.team(teamId).isEmpty()) {
            throw KeptException.notFound("team", teamId);
        }
        return TeamSkillsJson.of(teamId, skills.of(teamId));
    }

    @PutMapping("/api/v1/workforce/teams/{teamId}/skills")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    @Operation(summary = "Replace a team's default skills (at least one); rosters built afterwards use them")
    TeamSkillsJson put(@PathVariable long teamId, @RequestBody SkillsBody body, @AuthenticationPrincipal CurrentUser me) {
        return TeamSkillsJson.of(teamId, skills.replace(teamId, body.skills() == null ? null : new java.util.HashSet<>(body.skills()), me));
    }
}
