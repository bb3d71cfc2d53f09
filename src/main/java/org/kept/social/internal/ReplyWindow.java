package org.kept.social.internal;

import java.time.Instant;
import org.kept.ticket.Channel;

/**
 * Whether the platform still takes a reply on a ticket's conversation: until {@code until} (the follower's last
 * message plus the platform's window) and, on WeChat, while fewer than the allowed replies went out since.
 * {@code repliesLeft} is null where the platform sets no count. {@code unfollowedAt}: when the follower stopped
 * following the account (Weibo's unfollow event), which closes the window until they follow again; else null.
 */
public record ReplyWindow(Channel platform, String account, Instant lastMessageAt, Instant until, Integer repliesLeft,
                          boolean open, Instant unfollowedAt) {
}
