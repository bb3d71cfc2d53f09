package org.kept.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.support.TestClock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rarest token drives a search; a common one is remembered so its window of postings is not counted on every
 * search, one with hundreds of postings keeps its count for a minute, while a rare one is counted every time, because
 * "no posting" answers "nothing matches".
 */
class RarestTokensTest {

    private JdbcClient jdbc;
    private RarestTokens rarest;
    private final TestClock clock = new TestClock();

    @BeforeEach
    void postings() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:rarest" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        jdbc = JdbcClient.create(ds);
        jdbc.sql("create table postings (tok bigint not null, id bigint not null)").update();
        for (int id = 1; id <= 5; id++) {
            jdbc.sql("insert into postings values (1, ?)").param(id).update();
        }
        jdbc.sql("insert into postings values (2, 1), (2, 2)").update();
        rarest = new RarestTokens(jdbc, "postings", 3, 6, clock);
    }

    @Test
    void theRarestComesFirstWithCountsUpToTheWindow() {
        assertThat(rarest.of(new long[] {1, 2})).isDeepEqualTo(new long[][] {{2, 2}, {1, 3}});
    }

    @Test
    void aCommonTokenIsRememberedAndNotCountedAgain() {
        rarest.of(new long[] {1, 2});
        jdbc.sql("delete from postings where tok = 1 and id > 1").update();
        // still taken as common: only which token drives depends on it, and the search itself checks every posting
        assertThat(rarest.of(new long[] {1, 2})).isDeepEqualTo(new long[][] {{2, 2}, {1, 3}});
    }

    @Test
    void aRareTokenIsCountedOnEverySearch() {
        assertThat(rarest.of(new long[] {1, 3})).isEmpty();
        jdbc.sql("insert into postings values (3, 9)").update();
        assertThat(rarest.of(new long[] {1, 3})).isDeepEqualTo(new long[][] {{3, 1}, {1, 3}});
        jdbc.sql("delete from postings where tok = 2").update();
        assertThat(rarest.of(new long[] {2})).isEmpty();
    }

    @Test
    void aTokenWithHundredsOfPostingsKeepsItsCountForAMinute() {
        RarestTokens wide = new RarestTokens(jdbc, "postings", 10 * RarestTokens.KEPT_FROM, 6, clock);
        jdbc.sql("insert into postings select 4, x from system_range(1, ?)").param(RarestTokens.KEPT_FROM).update();
        assertThat(wide.of(new long[] {4, 2})).isDeepEqualTo(new long[][] {{2, 2}, {4, RarestTokens.KEPT_FROM}});
        jdbc.sql("insert into postings select 4, x from system_range(1000, 1999)").update();
        jdbc.sql("delete from postings where tok = 2").update();
        // the kept count still orders the tokens; the token counted afresh answers that nothing matches
        assertThat(wide.of(new long[] {4, 1})).isDeepEqualTo(new long[][] {{1, 5}, {4, RarestTokens.KEPT_FROM}});
        assertThat(wide.of(new long[] {4, 2})).isEmpty();
        try (var later = clock.moved(Duration.ofMillis(RarestTokens.RECOUNT_AFTER_MILLIS))) {
            assertThat(wide.of(new long[] {4, 1})).isDeepEqualTo(new long[][] {{1, 5}, {4, RarestTokens.KEPT_FROM + 1_000}});
        }
    }

    @Test
    void aRowHoldsTheOthersOnlyWhenItHoldsEachOfThem() {
        // rows 1 and 2 hold tokens 1 and 2, row 1 also token 3; token 2 repeated in the query still counts once
        jdbc.sql("insert into postings values (3, 1)").update();
        List<Object> params = new ArrayList<>();
        String held = rarest.othersHeld("o.id = s.id", new long[][] {{1, 5}, {2, 2}, {3, 1}, {2, 2}}, params);
        List<Long> rows = jdbc.sql("select s.id from postings s where s.tok = 1" + held + " order by s.id").params(params)
                .query(Long.class).list();
        assertThat(rows).containsExactly(1L);
        assertThat(rarest.othersHeld("o.id = s.id", new long[][] {{1, 5}}, new ArrayList<>())).isEmpty();
    }
}
