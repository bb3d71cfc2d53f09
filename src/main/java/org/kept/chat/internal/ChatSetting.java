package org.kept.chat.internal;

/** Where chats go (null: everyone who handles chats), when they are staffed (null: round the clock), the file limit. */
public record ChatSetting(Long teamId, Long calendarId, int maxFileBytes) {
}
