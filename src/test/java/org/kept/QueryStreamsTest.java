package org.kept;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A {@code JdbcClient} query's {@code .stream()} holds its connection until the stream is closed; outside a transaction
 * nobody closes it, and each call leaks one connection until the pool is empty (two such reads once emptied the test
 * pool and answered 503 to every page). Queries read {@code .list()}, {@code .set()}, {@code .optional()} or
 * {@code .single()}; a real stream is opened in a try-with-resources, which this test accepts.
 */
class QueryStreamsTest {

    @Test
    void noQueryStreamIsLeftOpen() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ModuleTablesTest.SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                // statements end at ';' (near enough for chains of calls)
                int line = 1;
                for (String statement : source.split(";")) {
                    int query = statement.lastIndexOf(".query(");
                    if (query >= 0 && !statement.contains("try (")) {
                        String after = statement.substring(query);
                        int stream = after.indexOf(".stream()");
                        if (stream >= 0 && !after.substring(0, stream).matches("(?s).*\\.(list|set)\\(\\)\\)*\\s*$")) {
                            found.add(file + ":" + (line + statement.substring(0, query).split("\n", -1).length - 1));
                        }
                    }
                    line += statement.split("\n", -1).length - 1;
                }
            }
        }
        assertThat(found).as("JdbcClient query streams outside try-with-resources").isEmpty();
    }
}
