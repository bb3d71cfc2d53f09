package org.kept.routing.internal;

import java.util.Set;
import org.kept.ticket.Channel;

/** How much of a channel one agent holds at once, its after-contact work, and the channels holding one blocks. */
public record ChannelRule(Channel channel, int capacity, int acwSeconds, Set<Channel> blocks) {
}
