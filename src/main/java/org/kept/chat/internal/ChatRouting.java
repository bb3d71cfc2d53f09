package org.kept.chat.internal;

import org.kept.customer.Customers;
import org.kept.inbox.References;
import org.kept.routing.Routing;
import org.kept.ticket.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands chats to routing: a new chat goes to the chat setting's queue (offered to one agent with the chat skill and a
 * free chat slot), a chat taken from the waiting list leaves the queue, an ended one frees the agent's slot.
 */
@Component
class ChatRouting {

    private static final Logger log = LoggerFactory.getLogger(ChatRouting.class);

    private final Routing routing;
    private final ChatStore store;
    private final Customers customers;

    ChatRouting(Routing routing, ChatStore store, Customers customers) {
        this.routing = routing;
        this.store = store;
        this.customers = customers;
    }

    static String reference(long chatId) {
        return References.of(References.CHAT, chatId);
    }

    /** The chat id of a routing reference, or null when it is not a chat's. */
    static Long chatOf(String reference) {
        return References.idOf(References.CHAT, reference);
    }

    void submit(Conversation c) {
        String queue = store.routingQueue();
        if (queue == null || queue.isBlank()) {
            return;
        }
        if (!routing.hasQueue(queue)) {
            log.warn("The chat setting names routing queue {}, which does not exist; the chat waits on the list", queue);
            return;
        }
        String tier = customers.find(c.customerId()).map(x -> x.tier().name()).orElse(null);
        routing.submit(new Routing.WorkRequest(Channel.CHAT, queue, reference(c.id()), 0, tier));
    }

    /** Taken by hand from the waiting list: the offer (if any) is withdrawn. Work routing assigned stays assigned. */
    void taken(long chatId) {
        routing.cancel(Channel.CHAT, reference(chatId));
    }

    void ended(long chatId) {
        routing.finish(Channel.CHAT, reference(chatId));
    }
}
