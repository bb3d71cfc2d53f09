package org.kept.social;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.kept.social.internal.WeChatCrypto;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.Response;

/** Signed pushes as WeChat and Weibo send them, built in the test with the account's secrets. */
final class SocialHooksSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Fixtures fixtures;

    SocialHooksSupport(Fixtures fixtures) {
        this.fixtures = fixtures;
    }

    /** A WeChat account through the admin API; {@code aesKey} null for plain mode. Its team is the hotline. */
    long wechatAccount(String code, String appId, String token, String aesKey) {
        Api admin = fixtures.api(fixtures.user("ADMIN", null));
        return admin.post("/api/v1/social/accounts", Api.body("code", code, "platform", "WECHAT", "name", "客服号 " + code,
                "appId", appId, "appSecret", "secret-" + code, "token", token, "aesKey", aesKey,
                "teamId", fixtures.team("hotline"))).expect(201).id();
    }

    long weiboAccount(String code, String appSecret) {
        Api admin = fixtures.api(fixtures.user("ADMIN", null));
        return admin.post("/api/v1/social/accounts", Api.body("code", code, "platform", "WEIBO", "name", "官方微博 " + code,
                "appId", "appkey-" + code, "appSecret", appSecret, "accessToken", "weibo-access-" + code,
                "teamId", fixtures.team("hotline"))).expect(201).id();
    }

    static String text(String toUser, String openid, Instant at, long msgId, String content) {
        return "<xml><ToUserName><![CDATA[" + toUser + "]]></ToUserName><FromUserName><![CDATA[" + openid
                + "]]></FromUserName><CreateTime>" + at.getEpochSecond() + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }

    static String nonce() {
        return UUID.randomUUID().toString().substring(0, 10);
    }

    /** A plain-mode push signed with the token. */
    Response plain(String code, String token, String xml) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        String nonce = nonce();
        return post("/api/v1/hooks/wechat/" + code + "?signature=" + WeChatCrypto.signature(token, ts, nonce)
                + "&timestamp=" + ts + "&nonce=" + nonce + "&openid=x", "text/xml", xml);
    }

    /** A safe-mode push: the XML encrypted for {@code appId} and signed with msg_signature. */
    Response safe(String code, String token, String aesKey, String appId, String xml) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        String nonce = nonce();
        String encrypted = new WeChatCrypto(aesKey, appId).encrypt(xml);
        String body = "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";
        return post("/api/v1/hooks/wechat/" + code + "?signature=" + WeChatCrypto.signature(token, ts, nonce) + "&timestamp="
                + ts + "&nonce=" + nonce + "&encrypt_type=aes&msg_signature=" + WeChatCrypto.signature(token, ts, nonce, encrypted),
                "text/xml", body);
    }

    Response weibo(String code, String appSecret, String json) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        String nonce = nonce();
        return post("/api/v1/hooks/weibo/" + code + "?signature=" + WeChatCrypto.signature(appSecret, ts, nonce)
                + "&timestamp=" + ts + "&nonce=" + nonce, "application/json", json);
    }

    Response post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), "POST " + path);
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + path)).GET(), "GET " + path);
    }

    private static Response send(HttpRequest.Builder request, String call) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(call, r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
