package org.kept.sms.internal;

import java.time.Clock;
import org.kept.contact.Contacts;
import org.kept.contact.OutboundSettled;
import org.kept.ticket.Channel;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hears the outbox worker settle an SMS, in the worker's own transaction: keeps the provider's id (delivery reports
 * name it), or marks the message failed and shows the failure on the contact and its ticket.
 */
@Component
class SmsSettledListener {

    private final SmsStore store;
    private final Contacts contacts;
    private final SmsActor actor;
    private final Clock clock;

    SmsSettledListener(SmsStore store, Contacts contacts, SmsActor actor, Clock clock) {
        this.store = store;
        this.contacts = contacts;
        this.actor = actor;
        this.clock = clock;
    }

    @EventListener
    void on(OutboundSettled settled) {
        if (settled.channel() != Channel.SMS) {
            return;
        }
        store.byOutbox(settled.outboxId()).ifPresent(sms -> {
            if (settled.sent()) {
                store.sent(sms.id(), settled.providerId(), clock.instant());
            } else if (store.settled(sms.id(), "FAILED", settled.error(), clock.instant())) {
                contacts.conclude(sms.contactId(), clock.instant(), "FAILED", settled.error(), actor.get());
            }
        });
    }
}
