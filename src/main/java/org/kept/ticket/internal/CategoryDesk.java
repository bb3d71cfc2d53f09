package org.kept.ticket.internal;

import java.util.Optional;
import org.kept.shared.AuditableEvent;
import org.kept.shared.KeptException;
import org.kept.ticket.Tickets;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Administrators keep the ticket categories (分类) that fit their centre; each change is audited. */
@Service
public class CategoryDesk {

    private final CategoryStore store;
    private final ApplicationEventPublisher events;
    private final org.kept.identity.Directory directory;

    CategoryDesk(CategoryStore store, ApplicationEventPublisher events, org.kept.identity.Directory directory) {
        this.directory = directory;
        this.store = store;
        this.events = events;
    }

    /** Creates the category, or renames it when the code exists; returns whether it was new. */
    @Transactional
    public boolean save(Tickets.Category category, String actor) {
        if (category.code() == null || !category.code().matches("[a-z0-9][a-z0-9-]{0,39}")
                || blank(category.nameZh()) || blank(category.nameEn())
                || category.nameZh().length() > 100 || category.nameEn().length() > 100) {
            throw KeptException.invalid("error.category.invalid");
        }
        Optional<String> old = store.names(category.code());
        if (old.isPresent()) {
            store.rename(category.code(), category.nameZh().strip(), category.nameEn().strip());
        } else {
            store.insert(category.code(), category.nameZh().strip(), category.nameEn().strip());
        }
        String now = category.nameZh().strip() + " / " + category.nameEn().strip();
        events.publishEvent(new CategoryChanged(actor, old.isPresent() ? "category.rename" : "category.create",
                "category:" + category.code(), old.map(o -> o + " -> ").orElse("") + now));
        return old.isEmpty();
    }

    /**
     * Names the team a ticket of this category goes to when nobody chose one (a customer on the portal, an e-mail),
     * or clears it ({@code teamId} null): which team handles what is the centre's to decide, so it is a row.
     */
    @Transactional
    public void route(String code, Long teamId, String actor) {
        if (teamId != null && directory.team(teamId).isEmpty()) {
            throw KeptException.invalid("error.ticket.team", teamId);
        }
        Long before = store.teams().get(code);
        if (!store.route(code, teamId)) {
            throw KeptException.notFound("category", code);
        }
        events.publishEvent(new CategoryChanged(actor, "category.team", "category:" + code,
                (before == null ? "-" : "team:" + before) + " -> " + (teamId == null ? "-" : "team:" + teamId)));
    }

    /** Each category's team, by code. */
    public java.util.Map<String, Long> teams() {
        return store.teams();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    record CategoryChanged(String actor, String action, String subject, String details) implements AuditableEvent {
    }
}
