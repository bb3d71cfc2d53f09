package org.kept.sla;

import java.time.OffsetDateTime;

/** One in-app notification (站内通知), as its reader sees it. */
public record Notification(long id, String kind, Long ticketId, String body, OffsetDateTime createdAt,
                           OffsetDateTime readAt) {
}
