package org.kept.sla.internal;

import java.util.List;
import org.kept.sla.Notification;
import org.kept.sla.Notifications;
import org.springframework.stereotype.Service;

/** Each reader's notifications, read and marked through the store. */
@Service
class Inbox implements Notifications {

    private final NotificationStore store;

    Inbox(NotificationStore store) {
        this.store = store;
    }

    @Override
    public List<Notification> of(long userId, boolean unreadOnly, int limit) {
        return store.of(userId, unreadOnly, limit);
    }

    @Override
    public long unread(long userId) {
        return store.unread(userId);
    }

    @Override
    public int markAllRead(long userId) {
        return store.markAllRead(userId);
    }

    @Override
    public void send(java.util.Collection<Long> userIds, String kind, Long ticketId, org.kept.shared.LocalText body) {
        if (!userIds.isEmpty()) {
            store.send(userIds, kind, ticketId, body);
        }
    }

    @Override
    public boolean markRead(long id, long userId) {
        return store.markRead(id, userId);
    }
}
