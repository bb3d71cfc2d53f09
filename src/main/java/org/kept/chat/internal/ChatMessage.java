package org.kept.chat.internal;

import java.time.Instant;

/** One message of a chat; {@code seq} orders it in its chat, {@code clientId} is the sender's own id for it. */
public record ChatMessage(long id, long conversationId, long seq, String clientId, Sender sender, Long authorId,
                          String body, String fileName, String fileType, Integer fileSize, Long contactId, Instant sentAt) {

    /** Who wrote it. */
    public enum Sender {
        CUSTOMER, AGENT
    }

    public boolean hasFile() {
        return fileName != null;
    }
}
