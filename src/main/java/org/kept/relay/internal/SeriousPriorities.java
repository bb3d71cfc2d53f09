package org.kept.relay.internal;

import java.util.Arrays;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.kept.relay.RelayAudited;
import org.kept.shared.KeptException;
import org.kept.ticket.Priority;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ticket priorities under which the major-complaints group may restrict a counterparty (rows of
 * {@code relay_serious_priority}), as an administrator keeps them. Each change is audited like every relay step;
 * restrictions already placed stay until they are lifted.
 */
@Component
public class SeriousPriorities {

    private final RelayStore store;
    private final ApplicationEventPublisher events;

    SeriousPriorities(RelayStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    /** The serious priorities, P1 first. */
    public List<String> list() {
        return store.seriousPriorities();
    }

    /** Every priority a ticket can have, for the page's choice. */
    public List<String> all() {
        return Arrays.stream(Priority.values()).map(Enum::name).toList();
    }

    /** Counts this priority as serious; answers false when it already was (nothing audited then). */
    @Transactional
    public boolean add(String priority, CurrentUser by) {
        String p = checked(priority, by);
        if (!store.addSerious(p)) {
            return false;
        }
        events.publishEvent(new RelayAudited(by.username(), "relay.serious.add", "relay-serious-priority:" + p,
                "serious now: " + String.join(",", store.seriousPriorities())));
        return true;
    }

    /** Stops counting this priority as serious; answers false when it was not (nothing audited then). */
    @Transactional
    public boolean remove(String priority, CurrentUser by) {
        String p = checked(priority, by);
        if (!store.removeSerious(p)) {
            return false;
        }
        events.publishEvent(new RelayAudited(by.username(), "relay.serious.remove", "relay-serious-priority:" + p,
                "serious now: " + String.join(",", store.seriousPriorities())));
        return true;
    }

    private String checked(String priority, CurrentUser by) {
        if (!by.can(Permission.RELAY_ADMIN)) {
            throw KeptException.forbidden("relay.serious.notAllowed");
        }
        if (priority == null || all().stream().noneMatch(priority.strip()::equals)) {
            throw KeptException.invalid(List.of(new KeptException.Field("priority", "relay.serious.priority.invalid")));
        }
        return priority.strip();
    }
}
