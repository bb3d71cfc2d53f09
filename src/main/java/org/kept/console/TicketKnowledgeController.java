package org.kept.console;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import java.util.stream.Collectors;
import org.kept.knowledge.Answers;
import org.kept.knowledge.KnowledgeSearch;
import org.kept.knowledge.SearchHit;
import org.kept.knowledge.SearchQuery;
import org.kept.knowledge.Scripts;
import org.kept.ticket.Channel;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The knowledge panel beside a ticket: articles suggested from the ticket's own subject and description, a search box
 * answering as the agent types, and the scripts (话术) for the ticket's channel with its variables filled in.
 */
@Controller
class TicketKnowledgeController {

    static final int SUGGESTIONS = 5;

    private final Tickets tickets;
    private final Customers customers;
    private final KnowledgeSearch search;
    private final Scripts scripts;
    private final Answers answers;

    TicketKnowledgeController(Tickets tickets, Customers customers, KnowledgeSearch search, Scripts scripts,
                              Answers answers) {
        this.answers = answers;
        this.tickets = tickets;
        this.customers = customers;
        this.search = search;
        this.scripts = scripts;
    }

    /** A script with the ticket's values filled in. */
    record FilledScript(String name, String channel, String text) {
    }

    /**
     * A suggestion: a public one the agent can use in the reply (its whole answer, the version rides along for the
     * citation); an internal one is guidance shown beside the reply and never inserted.
     */
    record Suggestion(long id, String title, String snippet, int version, boolean stale, boolean internal, String answer) {
    }

    @GetMapping("/console/tickets/{id}/knowledge")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String panel(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
        TicketView t = tickets.get(id);
        String about = t.subject() + "。" + (t.description() == null ? "" : t.description());
        model.addAttribute("ticketId", id);
        List<SearchHit> hits = search.search(SearchQuery.of(about, SUGGESTIONS), me);
        Map<Long, Answers.Answer> whole = answers.answers(hits.stream().map(SearchHit::id).toList(), me).stream()
                .collect(Collectors.toMap(Answers.Answer::articleId, a -> a));
        model.addAttribute("suggestions", hits.stream().filter(h -> whole.containsKey(h.id())).map(h -> {
            Answers.Answer a = whole.get(h.id());
            return new Suggestion(h.id(), h.title(), h.snippet(), a.version(), h.stale(), a.internal(), a.text());
        }).toList());
        Map<String, String> values = new HashMap<>();
        values.put("customerName", customers.get(t.customerId()).name());
        values.put("ticketNumber", t.number());
        values.put("agentId", me.agentNo() == null ? "" : me.agentNo());
        String channel = t.channel() == Channel.PHONE ? "PHONE" : "WRITTEN";
        List<FilledScript> filled = scripts.forChannel(channel).stream()
                .map(s -> new FilledScript(s.name(), s.channel(), Scripts.fill(s.body(), values))).toList();
        model.addAttribute("scripts", filled);
        return "console/ticket-knowledge :: panel";
    }
}
