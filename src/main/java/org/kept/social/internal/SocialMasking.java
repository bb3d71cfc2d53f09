package org.kept.social.internal;

/** A platform identity (WeChat openid, Weibo uid) is personal data: shown as {@code oAB****9xYz} without the right. */
public final class SocialMasking {

    private SocialMasking() {
    }

    public static String ref(String ref) {
        if (ref == null || ref.isBlank()) {
            return ref;
        }
        if (ref.length() <= 8) {
            return "****";
        }
        return ref.substring(0, 3) + "****" + ref.substring(ref.length() - 4);
    }

    public static String ref(String ref, boolean full) {
        return full ? ref : ref(ref);
    }
}
