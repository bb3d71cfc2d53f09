package org.kept.protection;

import java.time.Instant;
import java.util.Optional;

/** What the router and presence need to know about an agent's protection (坐席保护). */
public interface AgentProtection {

    /** Until when the agent recovers after a flagged contact (a not-ready period), if that is still ahead at {@code at}. */
    Optional<Instant> recoveryUntil(long userId, Instant at);

    /** Whether a lead moved the agent to written channels only (chats, emails, WeChat; no calls). */
    boolean writtenChannelsOnly(long userId);
}
