package org.kept.sla;

import java.util.List;

/** A person's in-app notifications: escalations, expedites and commitment reminders addressed to them. */
public interface Notifications {

    /** Newest first; only the unread ones when asked. */
    List<Notification> of(long userId, boolean unreadOnly, int limit);

    /** Unread, counted up to 100 (the bell shows "99+" beyond). */
    long unread(long userId);

    /** Marks every unread notification of this reader read; returns how many. */
    int markAllRead(long userId);

    /** False when the notification is not this reader's (or does not exist). */
    boolean markRead(long id, long userId);

    /**
     * Tells these people something in the caller's transaction (another module's reminders: an approval waiting, a
     * request that expired); the body is a {@code shared.LocalText}, read in each reader's language.
     */
    void send(java.util.Collection<Long> userIds, String kind, Long ticketId, org.kept.shared.LocalText body);
}
