package org.kept.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An article as it is now; {@code version} is also the optimistic lock an edit must carry. */
public record ArticleView(long id, String title, String body, List<String> categories, List<String> tags,
                          Audience audience, Long ownerId, LocalDate reviewBy, int version, Instant createdAt,
                          Instant updatedAt, Staleness staleness) {

    public boolean stale() {
        return staleness.stale();
    }
}
