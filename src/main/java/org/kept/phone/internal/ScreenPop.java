package org.kept.phone.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kept.contact.Contacts;
import org.kept.contact.Push;
import org.kept.customer.Customer;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.phone.CallRecord;
import org.kept.shared.Masking;
import org.kept.sla.Commitments;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.Tickets;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds what the ringing agent's console shows (来电弹屏) and pushes it to that agent only: the caller's card, open
 * tickets, open promises and last contacts, masked by the agent's own permissions; for an unknown number, where the
 * new-ticket form is.
 */
@Component
class ScreenPop implements org.springframework.beans.factory.DisposableBean {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ScreenPop.class);

    static final String EVENT = "screen-pop";
    private static final int LIST = 5;

    private final Push push;
    private final Customers customers;
    private final Tickets tickets;
    private final Commitments commitments;
    private final Contacts contacts;
    private final JsonMapper json;
    /**
     * Pops are built and sent here, after the call event's commit: the four reads of the pop (customer, tickets,
     * promises, contacts) held the call row's lock and a pooled connection inside the event's transaction, and the
     * PBX (or the Asterisk adapter's one event thread) waited for them. One agent's pops always take the same lane, so
     * they arrive in the order of their calls' events; when a lane falls far behind, the event's own thread builds its
     * pop (none is dropped).
     */
    private final java.util.List<java.util.concurrent.ThreadPoolExecutor> lanes = java.util.stream.IntStream.range(0, 3)
            .mapToObj(i -> new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.SECONDS,
                    new java.util.concurrent.LinkedBlockingQueue<Runnable>(1_000), r -> {
                        Thread t = new Thread(r, "kept-screen-pop-" + i);
                        t.setDaemon(true);
                        return t;
                    }, new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy())).toList();

    ScreenPop(Push push, Customers customers, Tickets tickets, Commitments commitments, Contacts contacts, JsonMapper json) {
        this.push = push;
        this.customers = customers;
        this.tickets = tickets;
        this.commitments = commitments;
        this.contacts = contacts;
        this.json = json;
    }

    /**
     * Sends the pop once the surrounding transaction has committed (at once without one), from the pop threads:
     * {@code agent} is asked for then, so it can be a cached look-up.
     */
    void sendAfterCommit(long agentId, java.util.function.Supplier<java.util.Optional<CurrentUser>> agent, CallRecord call) {
        Runnable send = () -> lanes.get((int) Math.floorMod(agentId, (long) lanes.size()))
                .execute(() -> agent.get().ifPresent(a -> send(a, call)));
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            send.run();
                        }
                    });
        } else {
            send.run();
        }
    }

    @Override
    public void destroy() {
        lanes.forEach(java.util.concurrent.ThreadPoolExecutor::shutdown);
    }

    /** Never fails the call event: a pop that cannot be built or sent is logged, the call is recorded all the same. */
    void send(CurrentUser agent, CallRecord call) {
        try {
            Map<String, Object> body = body(agent, call);
            String text = json.writeValueAsString(body);
            if (text.length() > Push.MAX_JSON) {
                // long subjects and promises: the card and the ticket links are what the agent needs first
                body.remove("contacts");
                body.remove("promises");
                body.computeIfPresent("tickets", (k, v) -> ((List<?>) v).stream().limit(1).toList());
                text = json.writeValueAsString(body);
            }
            if (text.length() <= Push.MAX_JSON) {
                push.toUser(agent.id(), EVENT, text);
            }
        } catch (RuntimeException e) {
            log.warn("Screen pop for call {} to user {} failed: {}", call.callId(), agent.id(), e.toString());
        }
    }

    Map<String, Object> body(CurrentUser agent, CallRecord call) {
        boolean full = agent.seesPersonalData();
        Map<String, Object> pop = new LinkedHashMap<>();
        pop.put("callId", call.callId());
        pop.put("state", call.state());
        pop.put("queue", call.queue());
        pop.put("number", full ? call.number() : Masking.phone(call.number()));
        Customer customer = call.customerId() == null ? null : customers.find(call.customerId()).orElse(null);
        if (customer == null) {
            UriComponentsBuilder form = UriComponentsBuilder.fromPath("/console/tickets/new").queryParam("channel", "PHONE");
            if (full && call.number() != null) {
                // only a viewer who may see the number gets it filled in; others ask the caller
                form.queryParam("phone", call.number());
            }
            pop.put("newTicket", form.encode().build().toUriString());
            return pop;
        }
        pop.put("customer", Map.of("id", customer.id(), "name", customer.name(), "tier", customer.tier().name(),
                "phone", customer.primaryPhone() == null ? "" : full ? customer.primaryPhone() : Masking.phone(customer.primaryPhone()),
                "url", "/console/customers/" + customer.id()));
        List<TicketSummary> open = tickets.ofCustomer(customer.id(), 50).stream().filter(t -> t.state().isActive())
                .limit(LIST).toList();
        pop.put("tickets", open.stream().map(t -> Map.of("id", t.id(), "number", t.number(), "subject", t.subject(),
                "state", t.state().name(), "url", "/console/tickets/" + t.id())).toList());
        pop.put("promises", commitments.openOn(open.stream().map(TicketSummary::id).toList()).stream().limit(LIST)
                .map(c -> Map.of("ticketNumber", c.ticketNumber(), "promise", c.promise(), "due", c.due().toString()))
                .toList());
        pop.put("contacts", contacts.ofCustomer(customer.id(), LIST + 1).stream()
                .filter(c -> c.id() != call.contactId()).limit(LIST)
                .map(c -> Map.of("channel", c.channel().name(), "direction", c.direction().name(),
                        "startedAt", c.startedAt().toString(), "outcome", c.outcome() == null ? "" : c.outcome()))
                .toList());
        return pop;
    }
}
