package org.kept.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.kept.meaning.TextMeaning;
import org.kept.knowledge.internal.IndexKeeper;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Another Kept instance writes to the shared database: this instance's index follows within a few seconds through the
 * change log, and a rebuild reads the stored vectors (the row written here carries its vector, as every version does).
 */
@KeptTest
class IndexConvergenceTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TextMeaning meaning;

    @Autowired
    IndexKeeper keeper;

    @Test
    void anArticleAnotherInstanceWroteIsFoundWithinSecondsAndSurvivesARebuild() throws Exception {
        String word = "Qx" + Words.unique();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String title = word + " 充电桩报修";
        jdbc.sql("insert into kb_article (title, body, audience, version, created_at, updated_at) "
                + "values (?, '充电桩无法启动时先检查空开。', 'PUBLIC', 1, ?, ?)").params(title, now, now).update();
        long id = jdbc.sql("select id from kb_article where title = ?").param(title).query(Long.class).single();
        float[] v = meaning.embed(title);
        jdbc.sql("insert into kb_article_version (article_id, version, title, body, audience, editor_name, "
                        + "edited_at, reason, embedding) values (?, 1, ?, '充电桩无法启动时先检查空开。', 'PUBLIC', '另一实例', ?, '', ?)")
                .params(id, title, now, encode(v)).update();
        jdbc.sql("insert into kb_change (article_id, at) values (?, ?)").params(id, now).update();

        Api agent = fixtures.api(fixtures.user("AGENT"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        boolean found = false;
        while (!found && System.nanoTime() < deadline) {
            found = agent.get("/api/v1/knowledge/search?q=" + word + "&limit=3").expect(200).body().contains("\"id\":" + id + ",");
            if (!found) {
                Thread.sleep(200);
            }
        }
        assertThat(found).as("converged within 10 s").isTrue();

        int count = fixtures.api(fixtures.user("ADMIN")).post("/api/v1/knowledge/index/rebuild", null).expect(200).json()
                .path("articles").asInt();
        assertThat(count).isGreaterThanOrEqualTo(1);
        assertThat(agent.get("/api/v1/knowledge/search?q=" + word + "&limit=1").expect(200).body()).contains("\"id\":" + id + ",");
    }

    private static String encode(float[] v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return java.util.Base64.getEncoder().encodeToString(b.array());
    }
}
