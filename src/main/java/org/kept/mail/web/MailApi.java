package org.kept.mail.web;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.mail.internal.MailDesk;
import org.kept.ticket.Tickets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The mails of a ticket and the centre's mailboxes. */
@RestController
class MailApi {

    private final MailDesk mail;
    private final Tickets tickets;

    MailApi(MailDesk mail, Tickets tickets) {
        this.mail = mail;
        this.tickets = tickets;
    }

    @GetMapping("/api/v1/tickets/{id}/mails")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "The ticket's mails in and out, with folded quotes and attachment names",
            description = "Without PII_VIEW the addresses, the text's phone numbers and addresses and the attachment names "
                    + "are masked and the HTML is left out.")
    List<MailDesk.MailRow> mails(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        tickets.get(id);
        return mail.ofTicket(id, me);
    }

    @GetMapping("/api/v1/mailboxes")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "The mailboxes the centre receives mail in (never their passwords)")
    List<MailDesk.MailboxRow> mailboxes() {
        return mail.mailboxes();
    }
}
