package org.kept.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.kept.shared.Htmx;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.Page;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.TicketType;
import org.kept.ticket.Tickets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The queues: my queue, my team's, the unassigned and all active tickets, filtered in place without a reload. */
@Controller
class QueueController {

    /** Counting stops here: "1000+" tells an agent as much as an exact count and costs a bounded index scan. */
    static final long COUNT_CAP = 1000;

    private final Tickets tickets;
    private final TicketRows rows;
    private final Directory directory;
    private final QueueSearch search;

    QueueController(Tickets tickets, TicketRows rows, Directory directory, QueueSearch search) {
        this.search = search;
        this.tickets = tickets;
        this.rows = rows;
        this.directory = directory;
    }

    @GetMapping("/console")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String queue(@ModelAttribute("query") QueueQuery query, @AuthenticationPrincipal CurrentUser me, Model model,
                 HttpServletRequest request, HttpServletResponse response) {
        // a search looks through every ticket the viewer may see, not only the open tab
        boolean searching = query.q() != null;
        Page<TicketSummary> page = searching ? search.find(query, me)
                : tickets.list(query.filter(me), query.page(), QueueQuery.PAGE_SIZE);
        Map<TicketState, Long> counts = searching ? Map.of()
                : tickets.countByState(query.teamId(me), query.countAssignee(me), COUNT_CAP);
        model.addAttribute("searching", searching);
        model.addAttribute("page", page);
        model.addAttribute("rows", rows.of(page.items(), me));
        model.addAttribute("counts", searching ? List.of() : TicketState.ACTIVE.stream().sorted()
                .map(s -> new StateCount(s, counts.getOrDefault(s, 0L))).toList());
        if (Htmx.wantsFragment(request, response)) {
            return "console/queue :: results";
        }
        model.addAttribute("teams", directory.teams());
        model.addAttribute("views", QueueQuery.VIEWS);
        model.addAttribute("sorts", QueueQuery.SORTS);
        model.addAttribute("states", List.of(TicketState.values()));
        model.addAttribute("types", TicketType.values());
        model.addAttribute("priorities", Priority.values());
        return "console/queue";
    }

    record StateCount(TicketState state, long count) {
        public boolean capped() {
            return count >= COUNT_CAP;
        }
    }
}
