package org.kept.social.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kept.shared.SqlTime;
import org.kept.ticket.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The social module's tables. */
@Repository
class SocialStore {

    private static final String ACCOUNT = "id, code, platform, name, app_id, app_secret, token, aes_key, access_token, "
            + "team_id, category, enabled";
    private static final String FOLLOWER = "id, account_id, user_ref, customer_id, ticket_id, last_inbound_at, replies_since, "
            + "unfollowed_at";
    private static final String MENTION = "m.id, m.account_id, a.name as account_name, m.ref, m.kind, m.author_ref, m.text, "
            + "m.posted_at, m.state, m.ticket_id, m.answer";

    /** One follower of an account; {@code unfollowedAt} set while they no longer follow it (Weibo's unfollow event). */
    record Follower(long id, long accountId, String userRef, long customerId, Long ticketId, Instant lastInboundAt,
                    int repliesSince, Instant unfollowedAt) {
    }

    /** A stored push not yet processed. */
    record Inbound(long id, long accountId, String payload, int attempts, Instant nextAt) {
    }

    /** A public @mention. */
    record Mention(long id, long accountId, String accountName, String ref, String kind, String authorRef, String text,
                   Instant postedAt, String state, Long ticketId, String answer) {
    }

    private final JdbcClient jdbc;

    SocialStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- accounts

    long addAccount(SocialAccount a, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into social_account (code, platform, name, app_id, app_secret, token, aes_key, access_token, team_id, "
                        + "category, enabled, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.code(), a.platform().name(), a.name(), a.appId(), a.appSecret(), a.token(), a.aesKey(),
                        a.accessToken(), a.teamId(), a.category(), a.enabled(), SqlTime.utc(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    boolean codeTaken(Channel platform, String code) {
        return jdbc.sql("select count(*) from social_account where code = ? and platform = ?").params(code, platform.name())
                .query(Long.class).single() > 0;
    }

    void updateAccount(SocialAccount a) {
        jdbc.sql("update social_account set name = ?, app_id = ?, app_secret = ?, token = ?, aes_key = ?, access_token = ?, "
                        + "team_id = ?, category = ?, enabled = ? where id = ?")
                .params(a.name(), a.appId(), a.appSecret(), a.token(), a.aesKey(), a.accessToken(), a.teamId(), a.category(),
                        a.enabled(), a.id())
                .update();
        jdbc.sql("delete from social_access_token where account_id = ?").param(a.id()).update();
    }

    List<SocialAccount> accounts() {
        return jdbc.sql("select " + ACCOUNT + " from social_account order by platform, code").query(this::accountRow).list();
    }

    Optional<SocialAccount> account(long id) {
        return jdbc.sql("select " + ACCOUNT + " from social_account where id = ?").param(id).query(this::accountRow).optional();
    }

    Optional<SocialAccount> account(Channel platform, String code) {
        return jdbc.sql("select " + ACCOUNT + " from social_account where code = ? and platform = ?")
                .params(code, platform.name()).query(this::accountRow).optional();
    }

    private SocialAccount accountRow(ResultSet rs, int n) throws SQLException {
        return new SocialAccount(rs.getLong("id"), rs.getString("code"), Channel.valueOf(rs.getString("platform")),
                rs.getString("name"), rs.getString("app_id"), rs.getString("app_secret"), rs.getString("token"),
                rs.getString("aes_key"), rs.getString("access_token"), rs.getObject("team_id", Long.class),
                rs.getString("category"), rs.getBoolean("enabled"));
    }

    // --- access tokens

    Optional<String> accessToken(long accountId, Instant validAt) {
        return jdbc.sql("select token from social_access_token where account_id = ? and expires_at > ?")
                .params(accountId, SqlTime.utc(validAt)).query(String.class).optional();
    }

    void keepAccessToken(long accountId, String token, Instant expiresAt) {
        if (jdbc.sql("update social_access_token set token = ?, expires_at = ? where account_id = ?")
                .params(token, SqlTime.utc(expiresAt), accountId).update() == 0) {
            jdbc.sql("insert into social_access_token (account_id, token, expires_at) values (?, ?, ?) on conflict do nothing")
                    .params(accountId, token, SqlTime.utc(expiresAt)).update();
        }
    }

    void dropAccessToken(long accountId, String token) {
        jdbc.sql("delete from social_access_token where account_id = ? and token = ?").params(accountId, token).update();
    }

    // --- inbound pushes

    /** Stores the push once; false when the platform sent it before (a retry). */
    boolean storeInbound(long accountId, String dedupeKey, String payload, Instant now) {
        return jdbc.sql("insert into social_inbound (account_id, dedupe_key, payload, received_at, next_at) "
                        + "values (?, ?, ?, ?, ?) on conflict do nothing")
                .params(accountId, dedupeKey, payload, SqlTime.utc(now), SqlTime.utc(now)).update() == 1;
    }

    List<Inbound> dueInbound(Instant now, int limit) {
        return jdbc.sql("select id, account_id, payload, attempts, next_at from social_inbound where processed_at is null "
                        + "and next_at <= ? order by next_at, id limit ?")
                .params(SqlTime.utc(now), limit)
                .query((rs, n) -> new Inbound(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), SqlTime.instant(rs, 5)))
                .list();
    }

    /** Compare-and-set on next_at: only one worker, on one instance, takes the row. */
    boolean leaseInbound(Inbound row, Instant until) {
        return jdbc.sql("update social_inbound set next_at = ?, attempts = attempts + 1 where id = ? and next_at = ? "
                        + "and processed_at is null")
                .params(SqlTime.utc(until), row.id(), SqlTime.utc(row.nextAt())).update() == 1;
    }

    void processed(long id, String outcome, Instant now) {
        jdbc.sql("update social_inbound set processed_at = ?, outcome = ? where id = ?")
                .params(SqlTime.utc(now), cut(outcome, 200), id).update();
    }

    void retryInbound(long id, Instant at, String error) {
        jdbc.sql("update social_inbound set next_at = ?, outcome = ? where id = ?").params(SqlTime.utc(at), cut(error, 200), id)
                .update();
    }

    /** The routing queue (a queue's code) the account's new conversations go to; empty: they are not routed. */
    Optional<String> routingQueue(long accountId) {
        return jdbc.sql("select routing_queue from social_account where id = ?").param(accountId).query(String.class)
                .list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    void routeTo(long accountId, String queue) {
        jdbc.sql("update social_account set routing_queue = ? where id = ?").params(queue, accountId).update();
    }

    /** A message of a conversation as the inbox shows it. */
    record Said(boolean inbound, String type, String content, Instant at, Long contactId) {
    }

    /** The conversation's messages on a ticket, oldest first (the last five hundred). */
    List<Said> messagesOfTicket(long ticketId) {
        List<Said> newest = jdbc.sql("select direction, msg_type, content, created_at, contact_id from social_message "
                        + "where ticket_id = ? order by id desc")
                .param(ticketId).withMaxRows(500).query((rs, n) -> new Said("INBOUND".equals(rs.getString(1)),
                        rs.getString(2), rs.getString(3), SqlTime.instant(rs, 4), rs.getObject(5, Long.class))).list();
        List<Said> out = new java.util.ArrayList<>(newest);
        java.util.Collections.reverse(out);
        return out;
    }

    /** Of these tickets, those with a social conversation: the times of the follower's latest messages. */
    java.util.Map<Long, List<Instant>> inboundTimes(java.util.Collection<Long> ticketIds) {
        java.util.Map<Long, List<Instant>> out = new java.util.LinkedHashMap<>();
        for (long id : ticketIds) {
            List<Said> said = jdbc.sql("select direction, msg_type, content, created_at from social_message "
                            + "where ticket_id = ? order by id desc")
                    .param(id).withMaxRows(100).query((rs, n) -> new Said("INBOUND".equals(rs.getString(1)),
                            rs.getString(2), null, SqlTime.instant(rs, 4), null)).list();
            if (!said.isEmpty()) {
                out.put(id, said.stream().filter(Said::inbound).map(Said::at).toList());
            }
        }
        return out;
    }

    int inboundCount(long accountId) {
        return jdbc.sql("select count(*) from social_inbound where account_id = ?").param(accountId).query(Integer.class).single();
    }

    // --- followers and messages

    Optional<Follower> follower(long accountId, String userRef) {
        return jdbc.sql("select " + FOLLOWER + " from social_follower where account_id = ? and user_ref = ?")
                .params(accountId, userRef).query(this::followerRow).optional();
    }

    /** The follower whose conversation is on this ticket (the latest, when several ever were). */
    Optional<Follower> followerOfTicket(long ticketId) {
        return jdbc.sql("select " + FOLLOWER + " from social_follower where ticket_id = ? order by id desc")
                .param(ticketId).query(this::followerRow).list().stream().findFirst();
    }

    long addFollower(long accountId, String userRef, long customerId, Instant now) {
        jdbc.sql("insert into social_follower (account_id, user_ref, customer_id, created_at) values (?, ?, ?, ?) "
                        + "on conflict do nothing")
                .params(accountId, userRef, customerId, SqlTime.utc(now)).update();
        return follower(accountId, userRef).orElseThrow().id();
    }

    void heardFrom(long followerId, long ticketId, Instant at) {
        jdbc.sql("update social_follower set ticket_id = ?, last_inbound_at = ?, replies_since = 0 where id = ?")
                .params(ticketId, SqlTime.utc(at), followerId).update();
    }

    void onTicket(long followerId, long ticketId) {
        jdbc.sql("update social_follower set ticket_id = ? where id = ?").params(ticketId, followerId).update();
    }

    /** The follower stopped following ({@code at}) or follows again (null); false when nothing changed. */
    boolean following(long followerId, Instant unfollowedAt) {
        return unfollowedAt == null
                ? jdbc.sql("update social_follower set unfollowed_at = null where id = ? and unfollowed_at is not null")
                        .param(followerId).update() > 0
                : jdbc.sql("update social_follower set unfollowed_at = ? where id = ? and unfollowed_at is null")
                        .params(SqlTime.utc(unfollowedAt), followerId).update() > 0;
    }

    void replied(long followerId) {
        jdbc.sql("update social_follower set replies_since = replies_since + 1 where id = ?").param(followerId).update();
    }

    private Follower followerRow(ResultSet rs, int n) throws SQLException {
        return new Follower(rs.getLong("id"), rs.getLong("account_id"), rs.getString("user_ref"), rs.getLong("customer_id"),
                rs.getObject("ticket_id", Long.class), SqlTime.instant(rs, "last_inbound_at"), rs.getInt("replies_since"),
                SqlTime.instant(rs, "unfollowed_at"));
    }

    void message(long followerId, Long ticketId, String direction, String type, String content, Long contactId,
                 Long outboxId, Instant now) {
        jdbc.sql("insert into social_message (follower_id, ticket_id, direction, msg_type, content, contact_id, outbox_id, "
                        + "created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(followerId, ticketId, direction, type, content, contactId, outboxId, SqlTime.utc(now)).update();
    }

    Optional<Long> contactOfOutbox(long outboxId) {
        return jdbc.sql("select contact_id from social_message where outbox_id = ?").param(outboxId).query(Long.class)
                .optional();
    }

    // --- mentions

    boolean addMention(long accountId, String ref, String kind, String authorRef, String text, Instant postedAt) {
        return jdbc.sql("insert into social_mention (account_id, ref, kind, author_ref, text, posted_at) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(accountId, ref, kind, authorRef, cut(text, 2000), SqlTime.utc(postedAt)).update() == 1;
    }

    /** Mentions, open first and newest first; only those of accounts of {@code teamId} unless it is null. */
    List<Mention> mentions(Long teamId, boolean openOnly, int limit) {
        return jdbc.sql("select " + MENTION + " from social_mention m join social_account a on a.id = m.account_id "
                        + "where (cast(? as bigint) is null or a.team_id = ?) and (? = false or m.state = 'OPEN') "
                        + "order by case when m.state = 'OPEN' then 0 else 1 end, m.posted_at desc limit ?")
                .params(teamId, teamId, openOnly, limit).query(this::mentionRow).list();
    }

    Optional<Mention> mention(long id) {
        return jdbc.sql("select " + MENTION + " from social_mention m join social_account a on a.id = m.account_id where m.id = ?")
                .param(id).query(this::mentionRow).optional();
    }

    /** Compare-and-set from OPEN: two people handling one mention, one wins. */
    boolean handleMention(long id, String state, Long ticketId, String answer, long by, Instant now) {
        return jdbc.sql("update social_mention set state = ?, ticket_id = ?, answer = ?, handled_by = ?, handled_at = ? "
                        + "where id = ? and state = 'OPEN'")
                .params(state, ticketId, cut(answer, 2000), by, SqlTime.utc(now), id).update() == 1;
    }

    private Mention mentionRow(ResultSet rs, int n) throws SQLException {
        return new Mention(rs.getLong("id"), rs.getLong("account_id"), rs.getString("account_name"), rs.getString("ref"),
                rs.getString("kind"), rs.getString("author_ref"), rs.getString("text"), SqlTime.instant(rs, "posted_at"),
                rs.getString("state"), rs.getObject("ticket_id", Long.class), rs.getString("answer"));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
