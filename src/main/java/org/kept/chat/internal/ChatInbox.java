package org.kept.chat.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kept.identity.CurrentUser;
import org.kept.inbox.InboxLine;
import org.kept.inbox.InboxSource;
import org.kept.inbox.InboxThread;
import org.kept.shared.Masking;
import org.kept.ticket.Channel;
import org.springframework.stereotype.Component;

/** The agent's active chats in their inbox: the header and messages masked as on the chat console. */
@Component
class ChatInbox implements InboxSource {

    private final ChatDesk desk;
    private final ChatStore store;

    ChatInbox(ChatDesk desk, ChatStore store) {
        this.desk = desk;
        this.store = store;
    }

    @Override
    public List<Channel> channels() {
        return List.of(Channel.CHAT);
    }

    @Override
    public List<InboxLine> lines(CurrentUser agent) {
        return store.activeOf(agent.id()).stream().map(c -> line(c, agent)).toList();
    }

    private InboxLine line(Conversation c, CurrentUser agent) {
        List<Instant> inbound = store.customerTimes(c.id());
        Instant last = inbound.isEmpty() ? (c.acceptedAt() != null ? c.acceptedAt() : c.startedAt()) : inbound.get(0);
        boolean full = agent.seesPersonalData();
        String who = c.phone() != null ? (full ? c.phone() : Masking.phone(c.phone()))
                : full ? c.email() : Masking.email(c.email());
        // the name is what the customer typed into the chat form: it may be a number or an address
        return new InboxLine(Channel.CHAT, ChatRouting.reference(c.id()), full ? c.customerName() : Masking.inText(c.customerName()),
                who, c.customerId(),
                c.ticketId(), last, inbound);
    }

    @Override
    public Optional<InboxThread> thread(Channel channel, String reference, CurrentUser agent) {
        Optional<Conversation> mine = mine(reference, agent);
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        Conversation c = mine.get();
        boolean full = agent.seesPersonalData();
        List<ChatMessage> all = store.after(c.id(), 0, 500);
        Long lastContact = all.stream().filter(m -> m.sender() == ChatMessage.Sender.CUSTOMER && m.contactId() != null)
                .map(ChatMessage::contactId).reduce((a, b) -> b).orElse(null);
        List<InboxThread.Message> messages = all.stream().map(m -> new InboxThread.Message(
                m.sender() == ChatMessage.Sender.CUSTOMER, m.sender() == ChatMessage.Sender.CUSTOMER ? (full ? c.customerName() : Masking.inText(c.customerName())) : null,
                m.sentAt(), null, m.hasFile() ? null : full ? m.body() : Masking.inText(m.body()), null,
                m.hasFile() ? List.of(full ? m.fileName() : Masking.inText(m.fileName())) : List.of())).toList();
        return Optional.of(new InboxThread(line(c, agent), messages, c.state() == Conversation.State.ACTIVE, null,
                lastContact));
    }

    @Override
    public long reply(Channel channel, String reference, String text, CurrentUser agent) {
        Conversation c = mine(reference, agent).orElseThrow(() -> org.kept.shared.KeptException.notFound("chat", reference));
        return desk.fromAgent(c.id(), UUID.randomUUID().toString(), text, null, agent).id();
    }

    private Optional<Conversation> mine(String reference, CurrentUser agent) {
        Long id = ChatRouting.chatOf(reference);
        return id == null ? Optional.empty()
                : store.find(id).filter(c -> c.agentId() != null && c.agentId() == agent.id());
    }
}
