package org.kept.knowledge;

import java.util.List;
import org.kept.identity.CurrentUser;

/** Finds articles for two hurried words or a caller's whole sentence, by words and by meaning together. */
public interface KnowledgeSearch {

    /** Best first; a reader who is not staff gets public articles only, whatever the query asks for. */
    List<SearchHit> search(SearchQuery query, CurrentUser reader);

    /** How many articles this instance's index holds (said once at start, in the line saying what Kept loaded). */
    int indexed();
}
