package org.kept.sms.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.NewContact;
import org.kept.contact.Outbox;
import org.kept.customer.Customer;
import org.kept.customer.Customers;
import org.kept.customer.PhoneNumbers;
import org.kept.shared.KeptException;
import org.kept.sms.Sms;
import org.kept.ticket.Channel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues an SMS: renders the template, records the outbound contact (on the ticket when there is one), writes the
 * outbox row and keeps the message, all in the caller's transaction. The outbox worker sends it after the commit.
 */
@Service
class SmsDesk implements Sms {

    private final SmsStore store;
    private final SmsSettings settings;
    private final Contacts contacts;
    private final Outbox outbox;
    private final Customers customers;
    private final SmsActor actor;
    private final JsonMapper json;
    private final Clock clock;

    SmsDesk(SmsStore store, SmsSettings settings, Contacts contacts, Outbox outbox, Customers customers, SmsActor actor,
            JsonMapper json, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.contacts = contacts;
        this.outbox = outbox;
        this.customers = customers;
        this.actor = actor;
        this.json = json;
        this.clock = clock;
    }

    @Override
    @Transactional
    public long send(SmsRequest request) {
        String to = PhoneNumbers.toE164(request.toE164());
        SmsTemplate template = store.template(request.template())
                .orElseThrow(() -> KeptException.invalid("error.sms.template", request.template()));
        Map<String, String> params = request.params() == null ? Map.of() : request.params();
        String text = template.render(params);
        Long customer = request.customerId() != null ? request.customerId()
                : customers.byPhone(to).map(Customer::id).orElse(null);
        Contact contact = contacts.record(new NewContact(Channel.SMS, Direction.OUTBOUND, null, to, customer,
                request.ticketId(), null, clock.instant(), text), actor.get());
        String provider = settings.provider();
        List<String> ordered = template.paramNames().stream().map(params::get).toList();
        SmsOut out = new SmsOut(provider, to, template.code(), template.providerTemplateId(), params, ordered, text);
        long outboxId = outbox.enqueue(Channel.SMS, contact.id(), json.writeValueAsString(out));
        store.insert(contact.id(), outboxId, provider, to, template.code(), text, clock.instant());
        return contact.id();
    }
}
