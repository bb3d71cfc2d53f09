package org.kept.routing.internal;

import java.time.OffsetDateTime;
import java.time.Instant;
import java.util.List;
import org.kept.phone.CallProgress;
import org.kept.shared.SqlTime;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The calls that are on, as the PBX decides them (the PBX routes voice, Kept shows it): kept in
 * {@code routing_voice_call} from the phone module's {@link CallProgress}, in the call event's transaction, so the live
 * queue view says which agent a call is offered to. An ended call's row goes.
 */
@Component
class VoiceCalls {

    /** One call on the live view. */
    record VoiceCall(long callRow, String queue, String state, Long agentId, String agentRef, Instant since) {
    }

    private final JdbcClient jdbc;

    VoiceCalls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(CallProgress p) {
        if ("ENDED".equals(p.state())) {
            jdbc.sql("delete from routing_voice_call where call_row = ?").param(p.callRow()).update();
            return;
        }
        OffsetDateTime since = SqlTime.utc(p.since());
        int updated = jdbc.sql("update routing_voice_call set queue = ?, state = ?, agent_id = ?, agent_ref = ?, since = ? "
                        + "where call_row = ?")
                .params(p.queue(), p.state(), p.agentId(), p.agentRef(), since, p.callRow()).update();
        if (updated == 0) {
            // the call's row is locked by the phone module for the whole event, so two inserts cannot race here
            jdbc.sql("insert into routing_voice_call (call_row, queue, state, agent_id, agent_ref, since) "
                            + "values (?, ?, ?, ?, ?, ?)")
                    .params(p.callRow(), p.queue(), p.state(), p.agentId(), p.agentRef(), since).update();
        }
    }

    /** The calls on, oldest first (at most {@code limit}). */
    List<VoiceCall> on(int limit) {
        return jdbc.sql("select call_row, queue, state, agent_id, agent_ref, since from routing_voice_call "
                        + "order by since, call_row limit ?").param(limit)
                .query((rs, n) -> new VoiceCall(rs.getLong("call_row"), rs.getString("queue"), rs.getString("state"),
                        rs.getObject("agent_id", Long.class), rs.getString("agent_ref"), SqlTime.instant(rs, "since")))
                .list();
    }
}
