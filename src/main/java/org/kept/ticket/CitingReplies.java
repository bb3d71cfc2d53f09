package org.kept.ticket;

import org.kept.identity.CurrentUser;

/**
 * A reply made from a knowledge-base article: the reply and the citation of the article's version commit together,
 * so a wrong answer can be traced to its source and a corrected article finds every ticket that used it.
 */
public interface CitingReplies {

    TicketView reply(long ticketId, String body, Integer expectedVersion, CurrentUser by, long articleId, int articleVersion);
}
