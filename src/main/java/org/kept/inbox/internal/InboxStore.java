package org.kept.inbox.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.kept.shared.SqlTime;
import org.kept.ticket.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** When each agent last read each of their conversations. */
@Repository
class InboxStore {

    private final JdbcClient jdbc;

    InboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The agent's read marks by "CHANNEL reference". */
    Map<String, Instant> marks(long agentId) {
        Map<String, Instant> out = new HashMap<>();
        jdbc.sql("select channel, reference, read_at from inbox_read where agent_id = ?").param(agentId)
                .query(rs -> {
                    out.put(key(Channel.valueOf(rs.getString(1)), rs.getString(2)), SqlTime.instant(rs, 3));
                });
        return out;
    }

    /** Marks it read up to {@code at}; false when it was read up to then already. */
    boolean read(long agentId, Channel channel, String reference, Instant at) {
        int n = jdbc.sql("update inbox_read set read_at = ? where agent_id = ? and channel = ? and reference = ? and read_at < ?")
                .params(SqlTime.utc(at), agentId, channel.name(), reference, SqlTime.utc(at)).update();
        if (n == 0) {
            n = jdbc.sql("insert into inbox_read (agent_id, channel, reference, read_at) select ?, ?, ?, ? where not exists "
                            + "(select 1 from inbox_read where agent_id = ? and channel = ? and reference = ?)")
                    .params(agentId, channel.name(), reference, SqlTime.utc(at), agentId, channel.name(), reference).update();
        }
        return n > 0;
    }

    static String key(Channel channel, String reference) {
        return channel.name() + " " + reference;
    }
}
