package org.kept.workforce;

import org.kept.ticket.Channel;

/** What an agent can take: the hotline (热线), online chat (在线客服), after-sales (售后, written channels) or complaints. */
public enum Skill {
    HOTLINE, CHAT, AFTER_SALES, COMPLAINTS;

    /** The skill that answers a channel's contacts. */
    public static Skill of(Channel channel) {
        return switch (channel) {
            case PHONE -> HOTLINE;
            case CHAT, WECHAT, WEIBO -> CHAT;
            case EMAIL, SMS, PORTAL, API -> AFTER_SALES;
        };
    }
}
