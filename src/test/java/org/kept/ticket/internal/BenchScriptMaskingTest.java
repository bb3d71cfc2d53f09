package org.kept.ticket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kept.shared.Masking;

/**
 * The benchmark's bulk index script marks subjects with today's masking version: marked with an older one, the next
 * start re-masks a million subjects before serving (minutes of 503 before the search benchmark could run).
 */
class BenchScriptMaskingTest {

    @Test
    void theBulkIndexScriptWritesTheCurrentMaskingVersion() throws IOException {
        String script;
        try (var in = getClass().getResourceAsStream("/bench/ticket-search-index.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(script).contains("select id, null, " + Masking.VERSION + " from ticket");
    }

    /** A value Kept does not know (a channel WEB) made opening a bulk-loaded ticket fail, and with it one start on H2. */
    @Test
    void theBulkTicketScriptWritesChannelsTypesAndStatesKeptKnows() throws IOException {
        String script;
        try (var in = getClass().getResourceAsStream("/bench/million-tickets.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        java.util.regex.Matcher channels = java.util.regex.Pattern.compile("\\(array\\[('PHONE'[^\\]]*)\\]\\)").matcher(script);
        assertThat(channels.find()).isTrue();
        for (String channel : channels.group(1).replace("'", "").split(",")) {
            org.kept.ticket.Channel.valueOf(channel.strip());
        }
        java.util.regex.Matcher types = java.util.regex.Pattern.compile("\\(array\\[('INQUIRY'[^\\]]*)\\]\\)").matcher(script);
        assertThat(types.find()).isTrue();
        for (String type : types.group(1).replace("'", "").split(",")) {
            org.kept.ticket.TicketType.valueOf(type.strip());
        }
        java.util.regex.Matcher states = java.util.regex.Pattern.compile("when s < [0-9.]+ then '([A-Z_]+)'").matcher(script);
        int n = 0;
        while (states.find()) {
            org.kept.ticket.TicketState.valueOf(states.group(1));
            n++;
        }
        assertThat(n).isEqualTo(5);
    }
}
