package org.kept.inbox.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kept.contact.Contacts;
import org.kept.customer.Customer;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.inbox.InboxThread;
import org.kept.inbox.internal.InboxDesk;
import org.kept.knowledge.Answers;
import org.kept.knowledge.KnowledgeSearch;
import org.kept.knowledge.SearchHit;
import org.kept.knowledge.SearchQuery;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.kept.shared.Problems;
import org.kept.ticket.Channel;
import org.kept.ticket.TicketState;
import org.kept.ticket.Tickets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The agent's inbox ({@code /console/inbox}): their conversations of every written channel with unread counts, one
 * open beside the customer card, recent contacts and knowledge answers. {@code open} names a conversation as
 * {@code CHANNEL:reference} (what routing's accepted offer links to). Everything shown comes masked from the channel
 * or is masked here for agents without personal-data rights.
 */
@Controller
@PreAuthorize("hasAuthority('TICKET_WRITE')")
class InboxPages {

    private final InboxDesk desk;
    private final Customers customers;
    private final Tickets tickets;
    private final Contacts contacts;
    private final KnowledgeSearch search;
    private final Answers answers;
    private final Problems problems;

    InboxPages(InboxDesk desk, Customers customers, Tickets tickets, Contacts contacts, KnowledgeSearch search,
               Answers answers, Problems problems) {
        this.desk = desk;
        this.customers = customers;
        this.tickets = tickets;
        this.contacts = contacts;
        this.search = search;
        this.answers = answers;
        this.problems = problems;
    }

    /** A conversation named as {@code CHANNEL:reference}. */
    record Open(Channel channel, String reference) {
        static Optional<Open> parse(String open) {
            if (open == null || open.isBlank()) {
                return Optional.empty();
            }
            int colon = open.indexOf(':');
            try {
                return colon <= 0 ? Optional.empty()
                        : Optional.of(new Open(Channel.valueOf(open.substring(0, colon)), open.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    @GetMapping("/console/inbox")
    String page(@RequestParam(required = false) String open, @AuthenticationPrincipal CurrentUser me, Locale locale,
                Model model) {
        Optional<Open> o = Open.parse(open);
        if (o.isPresent()) {
            conversation(o.get(), me, model);
        }
        entries(me, model);
        model.addAttribute("open", o.map(x -> x.channel() + ":" + x.reference()).orElse(null));
        return "inbox/inbox";
    }

    @GetMapping("/console/inbox/list")
    String list(@RequestParam(required = false) String open, @AuthenticationPrincipal CurrentUser me, Model model) {
        entries(me, model);
        model.addAttribute("open", open);
        return "inbox/inbox :: list";
    }

    @GetMapping("/console/inbox/conversation")
    String conversation(@RequestParam String open, @AuthenticationPrincipal CurrentUser me, Model model) {
        Open o = Open.parse(open).orElseThrow(() -> KeptException.notFound("conversation", open));
        conversation(o, me, model);
        model.addAttribute("open", open);
        return "inbox/inbox :: conversation";
    }

    /**
     * The answer form. It carries a key made per draft ({@code idempotencyKey}, or the {@code Idempotency-Key} header,
     * which wins): a double submit or a resent request sends one answer, the repeat shows the conversation as the first
     * left it and is marked {@code Idempotent-Replayed: true}.
     */
    @PostMapping("/console/inbox/reply")
    String reply(@RequestParam String open, @RequestParam(required = false) String text,
                 @RequestParam(required = false) String idempotencyKey,
                 @RequestHeader(name = "Idempotency-Key", required = false) String keyHeader,
                 @AuthenticationPrincipal CurrentUser me, Locale locale, Model model, HttpServletResponse response) {
        Open o = Open.parse(open).orElseThrow(() -> KeptException.notFound("conversation", open));
        String key = keyHeader != null && !keyHeader.isBlank() ? keyHeader : idempotencyKey;
        try {
            var outcome = desk.reply(o.channel(), o.reference(), text, me, key);
            response.setHeader("Idempotent-Replayed", String.valueOf(outcome.replayed()));
        } catch (KeptException e) {
            model.addAttribute("alert", problems.sentence(e, locale));
            model.addAttribute("draft", text);
        }
        conversation(o, me, model);
        model.addAttribute("open", open);
        return "inbox/inbox :: conversation";
    }

    private void entries(CurrentUser me, Model model) {
        List<InboxDesk.Entry> entries = desk.of(me);
        model.addAttribute("entries", entries);
        model.addAttribute("unreadTotal", entries.stream().mapToInt(InboxDesk.Entry::unread).sum());
    }

    @GetMapping("/console/inbox/answers")
    String answers(@RequestParam(defaultValue = "") String q, @AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("answers", answersFor(q, me));
        model.addAttribute("q", q);
        return "inbox/inbox :: answers";
    }

    private void conversation(Open o, CurrentUser me, Model model) {
        InboxThread thread = desk.open(o.channel(), o.reference(), me);
        model.addAttribute("thread", thread);
        boolean full = me.seesPersonalData();
        Long customerId = thread.line().customerId();
        if (customerId != null) {
            Customer c = customers.get(customerId);
            // a name taken from a mail's display name or typed into the chat form may be an address or a number
            model.addAttribute("customer", new Card(c.id(), full ? c.name() : Masking.inText(c.name()), c.tier().name(),
                    c.phones().stream().map(p -> full ? p : Masking.phone(p)).toList(),
                    c.emails().stream().map(e -> full ? e : Masking.email(e)).toList()));
            model.addAttribute("openTickets", tickets.ofCustomer(customerId, 20).stream()
                    .filter(t -> TicketState.ACTIVE.contains(t.state()))
                    .map(t -> new Line(t.id(), t.number() + " " + (full ? t.subject() : Masking.inText(t.subject())), null))
                    .toList());
            model.addAttribute("history", contacts.ofCustomer(customerId, 10).stream()
                    .map(h -> new Line(h.ticketId(), h.channel() + " " + h.direction() + " "
                            + (h.summary() == null ? "" : full ? h.summary() : Masking.inText(h.summary())), h.startedAt()))
                    .toList());
        }
        String question = thread.messages().stream().filter(InboxThread.Message::fromCustomer)
                .map(InboxThread.Message::text).filter(t -> t != null && !t.isBlank()).reduce((a, b) -> b).orElse("");
        String q = Masking.cut(question, 200);
        model.addAttribute("q", q);
        model.addAttribute("answers", answersFor(q, me));
    }

    private List<Answers.Answer> answersFor(String q, CurrentUser me) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        List<Long> ids = search.search(SearchQuery.of(Masking.cut(q, 200), 5), me).stream().map(SearchHit::id).toList();
        return answers.answers(ids, me).stream().filter(a -> !a.internal()).toList();
    }

    /** The customer as the card shows them. */
    record Card(long id, String name, String tier, List<String> phones, List<String> emails) {
    }

    /** A line of the card: an open ticket or a recent contact. */
    record Line(Long ticketId, String text, java.time.Instant at) {
    }
}
