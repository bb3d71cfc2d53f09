package org.kept.social.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kept.shared.DatabaseOutage;
import org.kept.ticket.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns stored pushes into conversations after the hook's commit: leases each due row (compare-and-set, one instance
 * takes it), reads the platform's shape into one {@link Incoming} and hands it to {@link Conversations}, or stores a
 * Weibo @mention for the social-media team. A failure is tried again a minute later, five times.
 */
@Component
public class SocialInbox {

    private static final Logger log = LoggerFactory.getLogger(SocialInbox.class);
    private static final DateTimeFormatter WEIBO_TIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);
    private static final int MAX_ATTEMPTS = 5;

    private final SocialStore store;
    private final Conversations conversations;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DatabaseOutage outage;
    private final boolean enabled;

    SocialInbox(SocialStore store, Conversations conversations, JsonMapper json, PlatformTransactionManager txManager,
                Clock clock, DatabaseOutage outage, @Value("${kept.social.poller-enabled:true}") boolean enabled) {
        this.store = store;
        this.conversations = conversations;
        this.json = json;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
        this.outage = outage;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${kept.social.poll-interval:PT0.5S}", initialDelayString = "${kept.social.poll-delay:PT5S}")
    void poll() {
        if (!enabled || outage.away()) {
            return;
        }
        drain();
    }

    /** Processes everything due now; returns how many rows it took. Tests call it after a push. */
    public int drain() {
        int done = 0;
        List<SocialStore.Inbound> due;
        do {
            due = store.dueInbound(clock.instant(), 50);
            for (SocialStore.Inbound row : due) {
                if (one(row)) {
                    done++;
                }
            }
        } while (due.size() == 50);
        return done;
    }

    private boolean one(SocialStore.Inbound row) {
        Instant now = clock.instant();
        if (!Boolean.TRUE.equals(tx.execute(s -> store.leaseInbound(row, now.plus(Duration.ofMinutes(1)))))) {
            return false;
        }
        try {
            String outcome = tx.execute(s -> process(row));
            tx.executeWithoutResult(s -> store.processed(row.id(), outcome, clock.instant()));
        } catch (RuntimeException e) {
            log.warn("Social push {} not processed (attempt {}): {}", row.id(), row.attempts() + 1, e.toString());
            tx.executeWithoutResult(s -> {
                if (row.attempts() + 1 >= MAX_ATTEMPTS) {
                    store.processed(row.id(), "FAILED " + e, clock.instant());
                } else {
                    store.retryInbound(row.id(), clock.instant().plus(Duration.ofMinutes(1)), e.toString());
                }
            });
        }
        return true;
    }

    private String process(SocialStore.Inbound row) {
        SocialAccount a = store.account(row.accountId()).orElseThrow();
        return a.platform() == Channel.WECHAT ? wechat(a, WeChatXml.parse(row.payload())) : weibo(a, json.readTree(row.payload()));
    }

    private String wechat(SocialAccount a, Map<String, String> m) {
        String type = m.getOrDefault("MsgType", "");
        String text = switch (type) {
            case "text" -> m.get("Content");
            case "image" -> "[图片] " + m.getOrDefault("PicUrl", "");
            // with speech recognition on, the platform sends what was said
            case "voice" -> m.get("Recognition") == null || m.get("Recognition").isBlank() ? "[语音]" : "[语音] " + m.get("Recognition");
            default -> null;
        };
        if (text == null) {
            return "IGNORED " + type + (m.containsKey("Event") ? " " + m.get("Event") : "");
        }
        Instant at = seconds(m.get("CreateTime"));
        var outcome = conversations.inbound(new Incoming(a, m.get("FromUserName"), a.id() + ":" + m.get("MsgId"), type,
                text.strip(), at));
        return (outcome.newTicket() ? "NEW " : "JOINED ") + outcome.ticketId();
    }

    private String weibo(SocialAccount a, JsonNode m) {
        String type = m.path("type").asString("");
        String sender = m.path("sender_id").asString("");
        Instant at = weiboTime(m.path("created_at").asString(""));
        String text = m.path("text").asString("");
        JsonNode data = m.path("data");
        if ("mention".equals(type)) {
            String ref = data.path("key").asString("");
            if (ref.isEmpty()) {
                ref = SocialHooks.sha(sender + at + text).substring(0, 32);
            }
            boolean added = store.addMention(a.id(), ref, data.path("subtype").asString("status"), sender, text, at);
            return added ? "MENTION" : "MENTION DUPLICATE";
        }
        if ("event".equals(type)) {
            // the fan-service push's events (关注/取消关注): an unfollow closes the follower's reply window
            String subtype = data.path("subtype").asString("");
            return switch (subtype) {
                case "unfollow" -> conversations.following(a, sender, false, at);
                case "follow" -> conversations.following(a, sender, true, at);
                default -> "IGNORED event " + subtype;
            };
        }
        String shown = switch (type) {
            case "text" -> text;
            case "image" -> "[图片]" + (text.isBlank() ? "" : " " + text);
            case "voice" -> "[语音]" + (text.isBlank() ? "" : " " + text);
            case "position" -> "[位置] " + data.path("longitude").asString("") + "," + data.path("latitude").asString("");
            default -> null;
        };
        if (shown == null) {
            return "IGNORED " + type;
        }
        String id = a.id() + ":" + sender + ":" + m.path("created_at").asString("") + ":" + SocialHooks.sha(text + data).substring(0, 16);
        var outcome = conversations.inbound(new Incoming(a, sender, id, type, shown.strip(), at));
        return (outcome.newTicket() ? "NEW " : "JOINED ") + outcome.ticketId();
    }

    private Instant seconds(String s) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(s.strip()));
        } catch (RuntimeException e) {
            return clock.instant();
        }
    }

    private Instant weiboTime(String s) {
        try {
            return ZonedDateTime.parse(s, WEIBO_TIME).toInstant();
        } catch (RuntimeException e) {
            return clock.instant();
        }
    }
}
