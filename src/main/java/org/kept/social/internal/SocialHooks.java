package org.kept.social.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import org.kept.shared.KeptException;
import org.kept.ticket.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platforms' pushes at the door: the signature checked (nothing is stored without it), a safe-mode WeChat message
 * decrypted and its AppId checked, then the message stored once under the platform's id and acknowledged at once;
 * {@link SocialInbox} turns it into a conversation after the commit, so the platform's 5 seconds never wait on tickets.
 */
@Service
public class SocialHooks {

    private static final Logger log = LoggerFactory.getLogger(SocialHooks.class);

    private final SocialStore store;
    private final JsonMapper json;
    private final Clock clock;

    SocialHooks(SocialStore store, JsonMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** The query parameters a push or check carries. */
    public record Signed(String signature, String timestamp, String nonce, String echostr, String encryptType,
                         String msgSignature) {
    }

    /** The callback URL check (GET): the echo when the signature is good. */
    public String verify(Channel platform, String code, Signed q) {
        SocialAccount a = account(platform, code);
        String secret = platform == Channel.WECHAT ? a.token() : a.appSecret();
        if (!WeChatCrypto.verify(q.signature(), secret, q.timestamp(), q.nonce())) {
            throw refused(platform, code);
        }
        return q.echostr() == null ? "" : q.echostr();
    }

    /** A WeChat push: true when stored now, false when it was a retry of one stored before. */
    @Transactional
    public boolean wechat(String code, Signed q, String body) {
        SocialAccount a = account(Channel.WECHAT, code);
        String xml;
        if ("aes".equalsIgnoreCase(q.encryptType())) {
            if (!a.safeMode()) {
                throw refused(Channel.WECHAT, code);
            }
            String encrypted = parse(body).get("Encrypt");
            if (encrypted == null || !WeChatCrypto.verify(q.msgSignature(), a.token(), q.timestamp(), q.nonce(), encrypted)) {
                throw refused(Channel.WECHAT, code);
            }
            try {
                xml = new WeChatCrypto(a.aesKey(), a.appId()).decrypt(encrypted);
            } catch (WeChatCrypto.Refused e) {
                log.warn("WeChat push for account {} refused: {}", code, e.getMessage());
                throw refused(Channel.WECHAT, code);
            }
        } else {
            // an account in safe mode takes only encrypted messages; plain ones must carry the plain signature
            if (a.safeMode() || !WeChatCrypto.verify(q.signature(), a.token(), q.timestamp(), q.nonce())) {
                throw refused(Channel.WECHAT, code);
            }
            xml = body;
        }
        Map<String, String> m = parse(xml);
        String msgId = m.get("MsgId");
        String key = msgId != null && !msgId.isBlank() ? "msg:" + msgId
                : "event:" + m.get("FromUserName") + "|" + m.get("CreateTime") + "|" + m.get("Event");
        return store.storeInbound(a.id(), key, xml, clock.instant());
    }

    /** A Weibo fan-service push (JSON): true when stored now, false for a retry. */
    @Transactional
    public boolean weibo(String code, Signed q, String body) {
        SocialAccount a = account(Channel.WEIBO, code);
        if (!WeChatCrypto.verify(q.signature(), a.appSecret(), q.timestamp(), q.nonce())) {
            throw refused(Channel.WEIBO, code);
        }
        JsonNode m;
        try {
            m = json.readTree(body);
        } catch (RuntimeException e) {
            throw KeptException.invalid("social.hook.unreadable");
        }
        if (m == null || !m.isObject()) {
            throw KeptException.invalid("social.hook.unreadable");
        }
        // the push carries no message id (Weibo's push docs: "暂时不支持消息ID", dedupe retries by sender_id + created_at, the
        // three retries come within 5 s each): the sender, the time, the kind and what it says (or the status it is in)
        // are one message, so two messages of one second stay apart
        String what = m.path("data").path("key").asString("");
        if (what.isEmpty()) {
            what = sha(m.path("text").asString("") + m.path("data").toString());
        }
        String key = m.path("type").asString("") + ":" + m.path("sender_id").asString("") + "|"
                + m.path("created_at").asString("") + "|" + what;
        return store.storeInbound(a.id(), key.length() > 200 ? sha(key) : key, body, clock.instant());
    }

    private SocialAccount account(Channel platform, String code) {
        return store.account(platform, code).filter(SocialAccount::enabled)
                .orElseThrow(() -> KeptException.notFound("social account", code));
    }

    private static Map<String, String> parse(String xml) {
        try {
            return WeChatXml.parse(xml);
        } catch (WeChatCrypto.Refused e) {
            throw KeptException.invalid("social.hook.unreadable");
        }
    }

    private static KeptException refused(Channel platform, String code) {
        log.warn("{} push for account {} refused: bad signature", platform, code);
        return new KeptException(HttpStatus.FORBIDDEN, "social.hook.signature");
    }

    static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
