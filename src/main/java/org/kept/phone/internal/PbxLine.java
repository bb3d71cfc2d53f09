package org.kept.phone.internal;

/** A connection that can command a PBX directly (the Asterisk adapter's AMI login), for the integration it serves. */
public interface PbxLine {

    /** True when this line carries the integration's calls. */
    boolean serves(long integrationId);

    /** Plays the abuse prompt and hangs up the call (or just hangs up), as the line is configured. */
    Sent endForAbuse(String callId);

    /** Whether the PBX took the command, what it was ({@code via}) and what it said. */
    record Sent(boolean ok, String via, String detail) {
    }
}
