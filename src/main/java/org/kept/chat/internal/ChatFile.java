package org.kept.chat.internal;

/** A file a chat carries: its name as the sender gave it, its checked content type and its bytes. */
public record ChatFile(String name, String type, byte[] data) {
}
