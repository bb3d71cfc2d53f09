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

    CategoryDesk(CategoryStore store, ApplicationEventPublisher events) {
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

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    record CategoryChanged(String actor, String action, String subject, String details) implements AuditableEvent {
    }
}
