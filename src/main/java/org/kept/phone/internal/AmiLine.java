package org.kept.phone.internal;

import java.time.Instant;

/**
 * The Asterisk AMI connection as the settings page sees it: what it runs with now and how it stands, and a way to make
 * it take saved settings at once (other instances notice the saved version within seconds).
 */
public interface AmiLine {

    /** The connection's settings without the secret: saved ones, or the properties when nobody saved any. */
    record Shown(boolean enabled, String host, int port, String username, boolean secretSet, String integration,
                 boolean fromProperties, Instant updatedAt, String updatedBy) {
    }

    /** Live state: CONNECTED, CONNECTING, RECONNECTING, STOPPED or OFF (not enabled). */
    record Live(String state, String host, int port, String integration, String lastError, Instant lastErrorAt,
                Instant lastEventAt) {
    }

    Shown shown();

    Live live();

    /** Takes the saved settings now: the running connection is closed and one with the new settings started. */
    void reload();
}
