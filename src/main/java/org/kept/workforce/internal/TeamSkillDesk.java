package org.kept.workforce.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.AuditableEvent;
import org.kept.shared.KeptException;
import org.kept.workforce.Skill;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The skills a team's members bring to a roster by default (wf_team_skill), kept by planners. A team without rows
 * brings the hotline, as every team did before skills were rows.
 */
@Service
public class TeamSkillDesk {

    static final Set<Skill> DEFAULT = Set.copyOf(EnumSet.of(Skill.HOTLINE));

    private final TeamSkillStore store;
    private final Directory directory;
    private final ApplicationEventPublisher events;

    TeamSkillDesk(TeamSkillStore store, Directory directory, ApplicationEventPublisher events) {
        this.store = store;
        this.directory = directory;
        this.events = events;
    }

    /** The team's skills (the default for a team without rows or no team). */
    public Set<Skill> of(Long teamId) {
        return teamId == null ? DEFAULT : of(store.byTeam(teamId), teamId);
    }

    /** Every team's configured skills in one read, for building a roster. */
    Map<Long, Set<Skill>> all() {
        return store.byTeam(null);
    }

    static Set<Skill> of(Map<Long, Set<Skill>> byTeam, Long teamId) {
        return teamId == null ? DEFAULT : byTeam.getOrDefault(teamId, DEFAULT);
    }

    /** Replaces the team's skills; at least one, so a team always says what it takes. */
    @Transactional
    public Set<Skill> replace(long teamId, Set<Skill> skills, CurrentUser by) {
        if (directory.team(teamId).isEmpty()) {
            throw KeptException.notFound("team", teamId);
        }
        if (skills == null || skills.isEmpty() || skills.stream().anyMatch(java.util.Objects::isNull)) {
            throw KeptException.invalid("workforce.skills.empty");
        }
        Set<Skill> old = of(teamId);
        store.replace(teamId, skills);
        events.publishEvent(new TeamSkillsChanged(by.username(), "team-skills.update", "team:" + teamId,
                names(old) + " -> " + names(skills)));
        return of(teamId);
    }

    private static String names(Set<Skill> skills) {
        return skills.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    /** A team's default skills changed; the audit log records it. */
    record TeamSkillsChanged(String actor, String action, String subject, String details) implements AuditableEvent {
    }
}
