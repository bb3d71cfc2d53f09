package org.kept.protection;

/** A lead moved an agent to written channels only, or back to every channel; phone tells the PBX (routing asks AgentProtection). */
public record AgentChannelsChanged(long userId, boolean writtenChannelsOnly, long by) {
}
