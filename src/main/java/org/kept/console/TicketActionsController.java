package org.kept.console;

import org.kept.shared.PageRefusals;
import org.kept.ticket.Channel;
import org.kept.ticket.RepeatContacts;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.shared.StaleUpdateException;
import org.kept.ticket.CitingReplies;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketPromises;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What an agent does on the ticket page, each an htmx POST answered with the fresh timeline, header and controls.
 * A refused action answers the same fragments plus the reason, so after a stale edit the other person's change is
 * on screen at once, while the text the agent typed stays in its form.
 */
@Controller
@RequestMapping("/console/tickets/{id}")
class TicketActionsController {

    private final Tickets tickets;
    private final TicketScreen screen;
    private final PageRefusals refusals;
    private final RepeatContacts repeatContacts;
    private final CitingReplies citing;

    TicketActionsController(Tickets tickets, TicketScreen screen, PageRefusals refusals, RepeatContacts repeatContacts,
                            CitingReplies citing) {
        this.repeatContacts = repeatContacts;
        this.tickets = tickets;
        this.citing = citing;
        this.screen = screen;
        this.refusals = refusals;
    }

    @PostMapping("/reply")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String reply(@PathVariable long id, @RequestParam(defaultValue = "") String body, @RequestParam int version,
                 @RequestParam(required = false) Long articleId, @RequestParam(required = false) Integer articleVersion,
                 @AuthenticationPrincipal CurrentUser me, Locale locale, Model model, HttpServletResponse response) {
        if (articleId != null && articleVersion != null) {
            return act(id, me, locale, model, response, () -> citing.reply(id, body, version, me, articleId, articleVersion));
        }
        return act(id, me, locale, model, response, () -> tickets.reply(id, body, version, me));
    }

    @PostMapping("/note")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String note(@PathVariable long id, @RequestParam(defaultValue = "") String body, @RequestParam int version,
                @AuthenticationPrincipal CurrentUser me, Locale locale, Model model, HttpServletResponse response) {
        return act(id, me, locale, model, response, () -> tickets.note(id, body, version, me));
    }

    @PostMapping("/assign")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String assign(@PathVariable long id, @RequestParam(required = false) Long team,
                  @RequestParam(required = false) Long assignee, @RequestParam int version,
                  @AuthenticationPrincipal CurrentUser me, Locale locale, Model model, HttpServletResponse response) {
        return act(id, me, locale, model, response, () -> tickets.assign(id, team, assignee, version, me));
    }

    @PostMapping("/priority")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String priority(@PathVariable long id, @RequestParam Priority priority, @RequestParam int version,
                    @AuthenticationPrincipal CurrentUser me, Locale locale, Model model, HttpServletResponse response) {
        return act(id, me, locale, model, response, () -> tickets.changePriority(id, priority, version, me));
    }

    /**
     * Resolving or closing a ticket with open promises first answers a confirm step listing them; its form comes back
     * here with a decision per promise ({@code promise.<id>}: KEEP, KEPT or CANCEL, {@code reason.<id>}).
     */
    @PostMapping("/state")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String state(@PathVariable long id, @RequestParam TicketState to, @RequestParam int version,
                 @RequestParam java.util.Map<String, String> form,
                 @AuthenticationPrincipal CurrentUser me, Locale locale, Model model, HttpServletResponse response) {
        return act(id, me, locale, model, response, () -> {
            try {
                tickets.transition(id, to, version, me, PromiseDecisions.from(form));
            } catch (TicketPromises.Undecided e) {
                // not a refusal but a question: the confirm step, answered in place beside the ticket
                model.addAttribute("undecided", e.open().stream().map(p -> new TicketPromises.Promise(p.id(),
                        PersonalData.of(me).text(p.promise()), p.due(), p.ownerId())).toList());
                model.addAttribute("undecidedTo", to);
            }
        });
    }

    @PostMapping("/merge")
    @PreAuthorize("hasAuthority('TICKET_WRITE') and hasAuthority('TICKET_MERGE')")
    String merge(@PathVariable long id, @RequestParam(defaultValue = "") String target, @RequestParam int version,
                 @AuthenticationPrincipal CurrentUser me, Locale locale, Model model, HttpServletResponse response) {
        return act(id, me, locale, model, response, () -> {
            TicketView into = tickets.byNumber(target.strip())
                    .orElseThrow(() -> KeptException.invalid("console.merge.unknown", target.strip()));
            tickets.merge(id, into.id(), version, me);
        });
    }

    /** The customer contacted us again about this ticket (重复来电); a resent form records it once. */
    @PostMapping("/repeat-contact")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String repeatContact(@PathVariable long id, @RequestParam(required = false) Channel channel,
                         @RequestParam(defaultValue = "") String note, @RequestParam(required = false) String key,
                         @AuthenticationPrincipal CurrentUser me, Locale locale, Model model, HttpServletResponse response) {
        return act(id, me, locale, model, response, () -> repeatContacts.link(id, channel, note, me, key));
    }

    private String act(long id, CurrentUser me, Locale locale, Model model, HttpServletResponse response, Runnable action) {
        try {
            action.run();
        } catch (KeptException e) {
            model.addAttribute("alert", refusals.refuse(e, locale, response));
        }
        screen.work(model, id, me, locale);
        return "console/ticket-changed";
    }
}
