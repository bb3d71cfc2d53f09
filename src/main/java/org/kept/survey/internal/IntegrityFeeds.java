package org.kept.survey.internal;

import java.time.Clock;
import org.kept.customer.CustomerRecorded;
import org.kept.identity.Directory;
import org.kept.identity.LoginEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The survey module's own read models for the integrity signals, fed by other modules' events: the network addresses
 * staff sign in from, and when a customer's contact points changed.
 */
@Component
class IntegrityFeeds {

    private final SurveyStore store;
    private final Directory directory;
    private final Clock clock;

    IntegrityFeeds(SurveyStore store, Directory directory, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    @EventListener
    void on(LoginEvent event) {
        if (!event.success() || event.remote() == null || event.remote().isBlank()) {
            return;
        }
        directory.userNamed(event.actor())
                .filter(u -> !"CUSTOMER".equals(u.role()))
                .ifPresent(u -> store.staffAddress(event.remote(), u.id(), clock.instant()));
    }

    /** Any change to a customer after they were created (the customer module records phone and email edits so). */
    @EventListener
    void on(CustomerRecorded event) {
        if (!"customer.create".equals(event.action())) {
            store.contactChanged(event.customerId(), clock.instant());
        }
    }
}
