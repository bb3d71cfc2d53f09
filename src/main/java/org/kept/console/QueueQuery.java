package org.kept.console;

import java.util.List;
import java.util.Set;
import org.kept.identity.CurrentUser;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketFilter;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketType;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the queue page was asked for: a tab ({@code mine}, {@code team}, {@code unassigned}, {@code all}), filters and a
 * page. It becomes exactly one {@link TicketFilter}, so the queue stays one indexed query however it is filtered.
 */
record QueueQuery(String view, TicketState state, TicketType type, Priority priority, Long team, String q, String sort,
                  Integer page) {

    static final int PAGE_SIZE = 25;
    static final List<String> VIEWS = List.of("mine", "team", "unassigned", "all");
    static final List<String> SORTS = List.of("priority", "-created", "created", "-updated");

    QueueQuery {
        // List.of(..).contains(null) throws, so absent values are checked first
        view = view != null && VIEWS.contains(view) ? view : "mine";
        sort = sort != null && SORTS.contains(sort) ? sort : "priority";
        page = page == null || page < 0 ? 0 : page;
        q = q == null || q.isBlank() ? null : q.strip();
    }

    TicketFilter filter(CurrentUser me) {
        Set<TicketState> states = state == null ? TicketState.ACTIVE : Set.of(state);
        return new TicketFilter(states, teamId(me), "mine".equals(view) ? me.id() : null, "unassigned".equals(view), type,
                priority, null, q, sort, me.seesPersonalData());
    }

    /** The team the tab is about: the chosen one, else on the team tab the viewer's own. */
    Long teamId(CurrentUser me) {
        return team == null && "team".equals(view) ? me.teamId() : team;
    }

    /** The person whose counts the tab shows; only "my queue" narrows counts to one agent. */
    Long countAssignee(CurrentUser me) {
        return "mine".equals(view) ? me.id() : null;
    }

    /**
     * The same query on another page, as a link that can be bookmarked and restored from history. Public because the
     * template calls it: SpEL sees only public methods, so a queue with a next page failed to render.
     */
    public String href(int toPage) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/console").queryParam("view", view);
        add(uri, "state", state);
        add(uri, "type", type);
        add(uri, "priority", priority);
        add(uri, "team", team);
        add(uri, "q", q);
        if (!"priority".equals(sort)) {
            uri.queryParam("sort", sort);
        }
        if (toPage > 0) {
            uri.queryParam("page", toPage);
        }
        return uri.encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder uri, String name, Object value) {
        if (value != null) {
            uri.queryParam(name, value);
        }
    }
}
