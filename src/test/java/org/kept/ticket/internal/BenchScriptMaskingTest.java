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
}
