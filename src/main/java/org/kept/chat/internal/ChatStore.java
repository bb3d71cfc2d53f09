package org.kept.chat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for chats: chat_conversation, chat_message, chat_setting. */
@Repository
class ChatStore {

    private static final String CONVERSATION = "select id, token, customer_name, phone, email, customer_id, team_id, "
            + "ticket_id, agent_id, state, seq_no, customer_read, agent_read, origin, started_at, accepted_at, ended_at "
            + "from chat_conversation ";
    private static final String MESSAGE = "select id, conversation_id, seq, client_id, sender, author_id, body, file_name, "
            + "file_type, file_size, contact_id, sent_at from chat_message ";

    private final JdbcClient jdbc;

    ChatStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String token, String name, String phone, String email, long customerId, Long teamId, String origin,
                Instant at) {
        jdbc.sql("insert into chat_conversation (token, customer_name, phone, email, customer_id, team_id, state, origin, "
                        + "started_at) values (?, ?, ?, ?, ?, ?, 'WAITING', ?, ?)")
                .params(token, name, phone, email, customerId, teamId, origin, SqlTime.utc(at)).update();
        return jdbc.sql("select id from chat_conversation where token = ?").param(token).query(Long.class).single();
    }

    Optional<Conversation> byToken(String token) {
        return jdbc.sql(CONVERSATION + "where token = ?").param(token).query(ChatStore::conversation).optional();
    }

    Optional<Conversation> find(long id) {
        return jdbc.sql(CONVERSATION + "where id = ?").param(id).query(ChatStore::conversation).optional();
    }

    /** Reads the chat and holds its row until the transaction ends: messages of one chat are numbered one at a time. */
    Conversation lock(long id) {
        return jdbc.sql(CONVERSATION + "where id = ? for update").param(id).query(ChatStore::conversation).single();
    }

    List<Conversation> waiting(Long teamId, int limit) {
        return jdbc.sql(CONVERSATION + "where state = 'WAITING' and (team_id is null or ? is null or team_id = ?) "
                        + "order by started_at, id limit ?")
                .params(teamId, teamId, limit).query(ChatStore::conversation).list();
    }

    List<Conversation> activeOf(long agentId) {
        return jdbc.sql(CONVERSATION + "where agent_id = ? and state = 'ACTIVE' order by accepted_at, id")
                .param(agentId).query(ChatStore::conversation).list();
    }

    /** Takes a waiting chat for an agent; false when someone else took it first (or it ended). */
    boolean accept(long id, long agentId, long ticketId, Instant at) {
        return jdbc.sql("update chat_conversation set state = 'ACTIVE', agent_id = ?, ticket_id = ?, accepted_at = ? "
                        + "where id = ? and state = 'WAITING'")
                .params(agentId, ticketId, SqlTime.utc(at), id).update() == 1;
    }

    boolean end(long id, Instant at) {
        return jdbc.sql("update chat_conversation set state = 'ENDED', ended_at = ? where id = ? and state <> 'ENDED'")
                .params(SqlTime.utc(at), id).update() == 1;
    }

    void nextSeq(long id, long seq) {
        jdbc.sql("update chat_conversation set seq_no = ? where id = ?").params(seq, id).update();
    }

    void customerRead(long id, long seq) {
        jdbc.sql("update chat_conversation set customer_read = ? where id = ? and customer_read < ?").params(seq, id, seq).update();
    }

    void agentRead(long id, long seq) {
        jdbc.sql("update chat_conversation set agent_read = ? where id = ? and agent_read < ?").params(seq, id, seq).update();
    }

    void insertMessage(long conversationId, long seq, String clientId, ChatMessage.Sender sender, Long authorId,
                       String body, ChatFile file, Instant at) {
        jdbc.sql("insert into chat_message (conversation_id, seq, client_id, sender, author_id, body, file_name, file_type, "
                        + "file_size, file_data, sent_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(conversationId, seq, clientId, sender.name(), authorId, body,
                        file == null ? null : file.name(), file == null ? null : file.type(),
                        file == null ? null : file.data().length, file == null ? null : file.data(), SqlTime.utc(at))
                .update();
    }

    void contactOf(long messageId, long contactId) {
        jdbc.sql("update chat_message set contact_id = ? where id = ?").params(contactId, messageId).update();
    }

    Optional<ChatMessage> byClientId(long conversationId, String clientId) {
        return jdbc.sql(MESSAGE + "where conversation_id = ? and client_id = ?").params(conversationId, clientId)
                .query(ChatStore::message).optional();
    }

    List<ChatMessage> after(long conversationId, long afterSeq, int limit) {
        return jdbc.sql(MESSAGE + "where conversation_id = ? and seq > ? order by seq limit ?")
                .params(conversationId, afterSeq, limit).query(ChatStore::message).list();
    }

    Optional<ChatFile> file(long conversationId, long seq) {
        return jdbc.sql("select file_name, file_type, file_data from chat_message where conversation_id = ? and seq = ? "
                        + "and file_name is not null")
                .params(conversationId, seq)
                .query((rs, n) -> new ChatFile(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
    }

    ChatSetting setting() {
        return jdbc.sql("select team_id, calendar_id, max_file_bytes from chat_setting where id = 1")
                .query((rs, n) -> new ChatSetting(rs.getObject(1, Long.class), rs.getObject(2, Long.class),
                        rs.getInt(3)))
                .single();
    }

    /** The routing queue new chats go to (a queue's code), or null when chats only wait on the console's list. */
    String routingQueue() {
        return jdbc.sql("select routing_queue from chat_setting where id = 1").query(String.class).list().stream()
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    void routeTo(String queue) {
        jdbc.sql("update chat_setting set routing_queue = ? where id = 1").param(queue).update();
    }

    /** The times of the customer's latest messages in the agent's chats (the inbox counts the unread ones). */
    List<Instant> customerTimes(long conversationId) {
        return jdbc.sql("select sent_at from chat_message where conversation_id = ? and sender = 'CUSTOMER' "
                        + "order by seq desc limit 100")
                .param(conversationId).query((rs, n) -> SqlTime.instant(rs, 1)).list();
    }

    void saveSetting(ChatSetting s, Instant at) {
        jdbc.sql("update chat_setting set team_id = ?, calendar_id = ?, max_file_bytes = ?, updated_at = ? where id = 1")
                .params(s.teamId(), s.calendarId(), s.maxFileBytes(), SqlTime.utc(at)).update();
    }

    private static Conversation conversation(ResultSet rs, int n) throws SQLException {
        return new Conversation(rs.getLong("id"), rs.getString("token"), rs.getString("customer_name"),
                rs.getString("phone"), rs.getString("email"), rs.getLong("customer_id"), rs.getObject("team_id", Long.class),
                rs.getObject("ticket_id", Long.class), rs.getObject("agent_id", Long.class),
                Conversation.State.valueOf(rs.getString("state")), rs.getLong("seq_no"), rs.getLong("customer_read"),
                rs.getLong("agent_read"), rs.getString("origin"), SqlTime.instant(rs, "started_at"),
                SqlTime.instant(rs, "accepted_at"), SqlTime.instant(rs, "ended_at"));
    }

    private static ChatMessage message(ResultSet rs, int n) throws SQLException {
        return new ChatMessage(rs.getLong("id"), rs.getLong("conversation_id"), rs.getLong("seq"),
                rs.getString("client_id"), ChatMessage.Sender.valueOf(rs.getString("sender")),
                rs.getObject("author_id", Long.class), rs.getString("body"), rs.getString("file_name"),
                rs.getString("file_type"), rs.getObject("file_size", Integer.class), rs.getObject("contact_id", Long.class),
                SqlTime.instant(rs, "sent_at"));
    }
}
