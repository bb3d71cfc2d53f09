package org.kept.chat.internal;

import org.kept.identity.Directory;
import org.kept.inbox.Assignee;
import org.kept.routing.WorkAssigned;
import org.kept.ticket.Channel;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The agent accepted a chat routing offered: it becomes theirs as if taken from the list, in the accept's own
 * transaction (a chat that ended meanwhile is finished at once, so the agent's slot is not held by nothing).
 */
@Component
class ChatAssignments {

    private final ChatDesk desk;
    private final ChatStore store;
    private final ChatRouting routing;
    private final Directory directory;

    ChatAssignments(ChatDesk desk, ChatStore store, ChatRouting routing, Directory directory) {
        this.desk = desk;
        this.store = store;
        this.routing = routing;
        this.directory = directory;
    }

    @EventListener
    void on(WorkAssigned work) {
        Long chatId = work.channel() == Channel.CHAT ? ChatRouting.chatOf(work.reference()) : null;
        if (chatId == null) {
            return;
        }
        Conversation c = store.find(chatId).orElse(null);
        if (c == null || c.state() == Conversation.State.ENDED) {
            routing.ended(chatId);
        } else if (c.state() == Conversation.State.WAITING) {
            desk.accept(chatId, null, Assignee.of(work.agentId(), directory));
        }
    }
}
