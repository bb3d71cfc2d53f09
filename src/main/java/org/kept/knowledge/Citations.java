package org.kept.knowledge;

import java.time.Instant;
import java.util.List;
import org.kept.identity.CurrentUser;

/** Answers cite their source: a reply made from an article records the article and its version. */
public interface Citations {

    /** Records that a ticket's reply used this version of the article; refuses a version that does not exist (422). */
    void cite(long articleId, int articleVersion, long ticketId, String ticketNumber, CurrentUser by);

    /** Every ticket that used the article, any version, newest first. */
    List<Citation> of(long articleId, CurrentUser reader);

    /** One use of an article in a ticket's reply. */
    record Citation(long articleId, int articleVersion, long ticketId, String ticketNumber, Long citedBy, Instant citedAt) {
    }
}
