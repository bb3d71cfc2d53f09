package org.kept.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.kept.contact.internal.OutboxWorker;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.Channel;
import org.kept.ticket.Tickets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The contact register: one contact per provider id, on the ticket's timeline; the outbox sends once or says why not. */
@KeptTest
class ContactsTest {

    @Autowired
    Contacts contacts;
    @Autowired
    Outbox outbox;
    @Autowired
    OutboxWorker worker;
    @Autowired
    Tickets tickets;
    @Autowired
    Fixtures fixtures;
    @Autowired
    TransactionTemplate tx;

    @Test
    void aProviderRetryIsTheSameContactAndTheTicketShowsItOnce() {
        CurrentUser agent = fixtures.user("AGENT");
        Customer customer = fixtures.customer("来电客户");
        long ticket = fixtures.ticket(fixtures.api(agent), customer.id(), "来电咨询").id();
        String callId = "call-" + System.nanoTime();
        NewContact call = new NewContact(Channel.PHONE, Direction.INBOUND, callId, "+8613800138000", customer.id(),
                ticket, agent.id(), Instant.now(), "hotline queue");

        Contact first = contacts.record(call, agent);
        Contact again = contacts.record(call, agent);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(contacts.ofTicket(ticket)).extracting(Contact::id).containsExactly(first.id());
        assertThat(contacts.ofCustomer(customer.id(), 10)).extracting(Contact::id).contains(first.id());
        assertThat(tickets.timeline(ticket)).filteredOn(e -> e.kind().equals("CONTACT")).hasSize(1);

        contacts.conclude(first.id(), Instant.now(), "ANSWERED", "talked 42 s", agent);
        contacts.conclude(first.id(), Instant.now(), "ANSWERED", "talked 42 s", agent);
        assertThat(tickets.timeline(ticket)).filteredOn(e -> e.kind().equals("CONTACT_OUTCOME"))
                .singleElement().satisfies(e -> assertThat(e.newValue()).isEqualTo("ANSWERED"));
        assertThat(contacts.find(first.id()).orElseThrow().outcome()).isEqualTo("ANSWERED");
    }

    @Test
    void aContactWithoutTicketJoinsOneLater() {
        CurrentUser agent = fixtures.user("AGENT");
        Customer customer = fixtures.customer("短信客户");
        Contact sms = contacts.record(new NewContact(Channel.SMS, Direction.INBOUND, "sms-" + System.nanoTime(),
                "+8613900139000", customer.id(), null, null, Instant.now(), "宽带又断了"), agent);
        long ticket = fixtures.ticket(fixtures.api(agent), customer.id(), "宽带断线").id();

        contacts.attach(sms.id(), ticket, agent);
        contacts.attach(sms.id(), ticket, agent);

        assertThat(contacts.ofTicket(ticket)).extracting(Contact::id).containsExactly(sms.id());
        assertThat(tickets.timeline(ticket)).filteredOn(e -> e.kind().equals("CONTACT")).singleElement()
                .satisfies(e -> assertThat(e.body()).isEqualTo("宽带又断了"));
    }

    @Test
    void anOutboxMessageWithoutSenderFailsOnceAndSaysWhy() {
        long id = tx.execute(s -> outbox.enqueue(Channel.API, null, "{\"to\":\"nobody\"}"));
        assertThat(outbox.get(id).state()).isEqualTo("PENDING");

        worker.drain();
        worker.drain();

        OutboxMessage m = outbox.get(id);
        assertThat(m.state()).isEqualTo("FAILED");
        assertThat(m.attempts()).isEqualTo(1);
        assertThat(m.lastError()).contains("no sender");
    }
}
