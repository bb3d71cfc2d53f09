/** The agent's one inbox (收件箱): their email threads, chats and WeChat/Weibo conversations, whatever the channel. */
package org.kept.inbox;
