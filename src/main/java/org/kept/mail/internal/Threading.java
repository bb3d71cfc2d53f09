package org.kept.mail.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.stereotype.Component;

/**
 * Finds the ticket a mail belongs to: by In-Reply-To and every References id in our Message-ID index (an Outlook reply
 * without In-Reply-To still names the thread in References), then the ticket token in the subject, then a
 * plus-addressed recipient (support+TOKEN@…). Never by subject alone: that merged strangers' mails elsewhere.
 */
@Component
class Threading {

    /** The token we put in subjects: [#20261203-000123]. */
    static final Pattern SUBJECT_TOKEN = Pattern.compile("\\[#([0-9A-Za-z-]{4,40})]");
    private static final Pattern PLUS = Pattern.compile("^[^+@]+\\+([0-9A-Za-z-]{4,40})@");

    private final MailStore store;
    private final Tickets tickets;

    Threading(MailStore store, Tickets tickets) {
        this.store = store;
        this.tickets = tickets;
    }

    record Found(TicketView ticket, String by) {
    }

    Optional<Found> find(ParsedMail m) {
        List<String> ids = new ArrayList<>();
        if (m.inReplyTo() != null) {
            ids.add(m.inReplyTo());
        }
        if (!ids.isEmpty()) {
            Optional<TicketView> t = store.ticketOf(ids).flatMap(tickets::find);
            if (t.isPresent()) {
                return Optional.of(new Found(t.get(), "In-Reply-To"));
            }
        }
        if (!m.references().isEmpty()) {
            Optional<TicketView> t = store.ticketOf(m.references()).flatMap(tickets::find);
            if (t.isPresent()) {
                return Optional.of(new Found(t.get(), "References"));
            }
        }
        Matcher token = SUBJECT_TOKEN.matcher(m.subject());
        while (token.find()) {
            Optional<TicketView> t = tickets.byNumber(token.group(1));
            if (t.isPresent()) {
                return Optional.of(new Found(t.get(), "subject"));
            }
        }
        for (String to : m.recipients()) {
            Matcher plus = PLUS.matcher(to);
            if (plus.find()) {
                Optional<TicketView> t = tickets.byNumber(plus.group(1));
                if (t.isPresent()) {
                    return Optional.of(new Found(t.get(), "plus-address"));
                }
            }
        }
        return Optional.empty();
    }

    /** The mailbox's own address without a plus part: support+TOKEN@x → support@x. */
    static String withoutPlus(String address) {
        return address == null ? null : address.replaceFirst("\\+[^@]*@", "@");
    }
}
