package org.kept.knowledge;

import java.util.List;
import java.util.Optional;
import org.kept.identity.CurrentUser;

/**
 * What a customer may be told from the knowledge base: an article's whole answer as the customer should read it, and
 * the guard that keeps internal guidance (内部资料: authority limits, finance procedures) out of replies.
 */
public interface Answers {

    /** The article's whole answer as plain text for a reply box: line breaks and list markers kept, nothing cut. */
    Answer answer(long articleId, CurrentUser reader);

    /** The same for several articles at once (a page of suggestions); unknown or unreadable ones are left out. */
    List<Answer> answers(List<Long> articleIds, CurrentUser reader);

    /** The internal article a reply repeats (a clause of it, spaces and punctuation aside), if any. */
    Optional<InternalText> internalTextIn(String reply);

    /** An article's answer; {@code internal} ones are guidance for the agent and never go into a reply. */
    record Answer(long articleId, int version, String title, String text, boolean internal) {
    }

    /** The internal article a reply repeats and the passage it repeats. */
    record InternalText(long articleId, String title, String passage) {
    }
}
