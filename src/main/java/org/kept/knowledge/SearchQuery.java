package org.kept.knowledge;

/**
 * A question as someone put it, with filters: {@code audience} null means every audience the reader may see,
 * {@code category} null any, {@code freshOnly} leaves out stale articles.
 */
public record SearchQuery(String text, Audience audience, String category, boolean freshOnly, int limit) {

    public static SearchQuery of(String text, int limit) {
        return new SearchQuery(text, null, null, false, limit);
    }
}
