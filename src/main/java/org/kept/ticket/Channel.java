package org.kept.ticket;

/** Where the contact came in. */
public enum Channel {
    PHONE, EMAIL, CHAT, SMS, WECHAT, PORTAL, API, WEIBO
}
