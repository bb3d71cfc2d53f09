package org.kept.ticket;

/** 询问 / 建议 / 投诉. */
public enum TicketType {
    INQUIRY, SUGGESTION, COMPLAINT
}
