package org.kept.workforce.internal.roster;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.kept.workforce.Skill;

/** A person who can be rostered: skills, days they cannot work, days they would rather not, shifts they prefer. */
public record RosterAgent(long id, String name, Set<Skill> skills, Set<LocalDate> unavailable, Set<LocalDate> preferOff,
                          Map<LocalDate, ShiftType> preferred) {

    public RosterAgent {
        skills = skills.isEmpty() ? EnumSet.noneOf(Skill.class) : EnumSet.copyOf(skills);
    }

    public boolean has(Skill skill) {
        return skills.contains(skill);
    }

    @Override
    public String toString() {
        return name;
    }
}
