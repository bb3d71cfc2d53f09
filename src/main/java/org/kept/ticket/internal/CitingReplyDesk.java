package org.kept.ticket.internal;

import org.kept.identity.CurrentUser;
import org.kept.knowledge.Citations;
import org.kept.ticket.CitingReplies;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The reply and its citation in one transaction: an unknown article version refuses the reply as well. */
@Service
class CitingReplyDesk implements CitingReplies {

    private final Tickets tickets;
    private final Citations citations;

    CitingReplyDesk(Tickets tickets, Citations citations) {
        this.tickets = tickets;
        this.citations = citations;
    }

    @Override
    @Transactional
    public TicketView reply(long ticketId, String body, Integer expectedVersion, CurrentUser by, long articleId,
                            int articleVersion) {
        TicketView replied = tickets.reply(ticketId, body, expectedVersion, by);
        citations.cite(articleId, articleVersion, replied.id(), replied.number(), by);
        return replied;
    }
}
