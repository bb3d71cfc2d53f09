package org.kept.social.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.kept.contact.OutboundSender;
import org.kept.contact.OutboxMessage;
import org.kept.ticket.Channel;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends through Weibo's fan-service API with the account's access token: a private-message reply
 * ({@code /2/messages/reply.json}, type text, the data as URL-encoded JSON) or a comment answering a public mention
 * ({@code /2/comments/create.json}). Weibo's system errors (1xxxx below 10020) are retried; others fail for good.
 */
@Component
class WeiboSender implements OutboundSender {

    private final SocialStore store;
    private final SocialSettings settings;
    private final PlatformHttp http;
    private final JsonMapper json;

    WeiboSender(SocialStore store, SocialSettings settings, PlatformHttp http, JsonMapper json) {
        this.store = store;
        this.settings = settings;
        this.http = http;
        this.json = json;
    }

    @Override
    public Channel channel() {
        return Channel.WEIBO;
    }

    @Override
    public String send(OutboxMessage message) throws Exception {
        JsonNode p = json.readTree(message.payload());
        SocialAccount a = store.account(p.path("account").asLong()).orElseThrow(() -> new IllegalStateException("no such account"));
        String text = p.path("text").asString();
        String form;
        String path;
        if ("comment".equals(p.path("kind").asString(""))) {
            path = "/2/comments/create.json";
            form = "access_token=" + enc(a.accessToken()) + "&id=" + enc(p.path("to").asString()) + "&comment=" + enc(text);
        } else {
            path = "/2/messages/reply.json";
            form = "access_token=" + enc(a.accessToken()) + "&type=text&data=" + enc(json.writeValueAsString(Map.of("text", text)))
                    + "&receiver_id=" + enc(p.path("to").asString());
        }
        JsonNode answer = json.readTree(http.post(settings.weiboApi() + path, "application/x-www-form-urlencoded", form,
                "Weibo " + path));
        if (answer.has("error_code")) {
            int code = answer.path("error_code").asInt();
            String error = "Weibo " + code + " " + answer.path("error").asString("");
            if (code >= 10001 && code < 10020) {
                throw new Retry(error, null);
            }
            throw new IllegalStateException(error);
        }
        String id = answer.path("id").asString("");
        return id.isEmpty() ? "weibo-" + message.key() : id;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
