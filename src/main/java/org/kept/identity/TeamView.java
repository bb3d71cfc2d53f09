package org.kept.identity;

/** A team (班组) as other modules see it. */
public record TeamView(long id, String code, String name) {
}
