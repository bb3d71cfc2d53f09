package org.kept.contact;

/** Whether the customer reached us or we reached the customer. */
public enum Direction {
    INBOUND, OUTBOUND
}
