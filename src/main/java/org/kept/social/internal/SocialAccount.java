package org.kept.social.internal;

import org.kept.ticket.Channel;

/** A WeChat Official Account or Weibo account the centre answers on; a row an administrator edits. */
public record SocialAccount(long id, String code, Channel platform, String name, String appId, String appSecret,
                            String token, String aesKey, String accessToken, Long teamId, String category,
                            boolean enabled) {

    public boolean safeMode() {
        return aesKey != null && !aesKey.isBlank();
    }

    /** The secret shown back: its last four characters only. */
    public static String hint(String secret) {
        if (secret == null || secret.isBlank()) {
            return "";
        }
        return "••••" + (secret.length() > 8 ? secret.substring(secret.length() - 4) : "");
    }
}
