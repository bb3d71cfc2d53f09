package org.kept.inbox;

/**
 * A conversation's reference as routing and the inbox both carry it: its kind and id ("chat:12", "ticket:34"), unique
 * per channel. One piece of written work per chat, and per ticket for mail, WeChat and Weibo.
 */
public final class References {

    public static final String CHAT = "chat";
    public static final String TICKET = "ticket";

    private References() {
    }

    public static String of(String kind, long id) {
        return kind + ":" + id;
    }

    /** The id in a reference of this kind, or null when it is another kind's or no number. */
    public static Long idOf(String kind, String reference) {
        String prefix = kind + ":";
        if (reference == null || !reference.startsWith(prefix)) {
            return null;
        }
        try {
            return Long.parseLong(reference.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
