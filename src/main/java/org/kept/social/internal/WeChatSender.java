package org.kept.social.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.kept.contact.OutboundSender;
import org.kept.contact.OutboxMessage;
import org.kept.ticket.Channel;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the agent's reply through the customer-service message API (客服消息, {@code /cgi-bin/message/custom/send})
 * with the account's access token, fetched from {@code /cgi-bin/token} and kept in the database until five minutes
 * before it expires, so every instance uses the same one. An expired or revoked token is dropped and the send retried;
 * 45015 (the 48 hours have passed) fails for good.
 */
@Component
class WeChatSender implements OutboundSender {

    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final SocialStore store;
    private final SocialSettings settings;
    private final PlatformHttp http;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final Clock clock;

    WeChatSender(SocialStore store, SocialSettings settings, PlatformHttp http, JsonMapper json,
                 PlatformTransactionManager txManager, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.WECHAT;
    }

    @Override
    public String send(OutboxMessage message) throws Exception {
        JsonNode p = json.readTree(message.payload());
        SocialAccount a = store.account(p.path("account").asLong()).orElseThrow(() -> new IllegalStateException("no such account"));
        String token = token(a);
        String body = json.writeValueAsString(Map.of("touser", p.path("to").asString(), "msgtype", "text",
                "text", Map.of("content", p.path("text").asString())));
        JsonNode answer = json.readTree(http.post(settings.wechatApi() + "/cgi-bin/message/custom/send?access_token="
                + enc(token), "application/json; charset=utf-8", body, "WeChat custom send"));
        int code = answer.path("errcode").asInt(0);
        if (code == 0) {
            return "wechat-" + message.key();
        }
        String error = "WeChat " + code + " " + answer.path("errmsg").asString("");
        if (code == 40001 || code == 40014 || code == 42001) {
            tx.executeWithoutResult(s -> store.dropAccessToken(a.id(), token));
            throw new Retry(error, null);
        }
        if (code == -1 || code == 45009) {
            throw new Retry(error, null);
        }
        throw new IllegalStateException(error);
    }

    /** The cached token, or a new one. */
    String token(SocialAccount a) throws Retry {
        Instant now = clock.instant();
        String known = tx.execute(s -> store.accessToken(a.id(), now.plus(MARGIN)).orElse(null));
        if (known != null) {
            return known;
        }
        JsonNode answer = json.readTree(http.get(settings.wechatApi() + "/cgi-bin/token?grant_type=client_credential&appid="
                + enc(a.appId()) + "&secret=" + enc(a.appSecret()), "WeChat token"));
        String token = answer.path("access_token").asString("");
        if (token.isEmpty()) {
            int code = answer.path("errcode").asInt(0);
            if (code == -1) {
                throw new Retry("WeChat token: busy", null);
            }
            throw new IllegalStateException("WeChat token: " + code + " " + answer.path("errmsg").asString(""));
        }
        long seconds = answer.path("expires_in").asLong(7200);
        tx.executeWithoutResult(s -> store.keepAccessToken(a.id(), token, now.plusSeconds(seconds)));
        return token;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
