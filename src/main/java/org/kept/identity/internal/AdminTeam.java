package org.kept.identity.internal;

/** A team with how many enabled people are in it. */
public record AdminTeam(long id, String code, String name, long members) {
}
