package org.kept.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kept.contact.internal.OutboxWorker;
import org.kept.customer.Customer;
import org.kept.sms.internal.SmsSettings;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast one instance drains the SMS outbox (docs/benchmarks.md §11b). Not in the suite (surefire skips
 * {@code *Benchmark*}); run by name: {@code ./mvnw -o -q test -Dtest=SmsOutboxBenchmark -Dkept.bench.sms=2000}, with
 * {@code KEPT_TEST_DB_URL} for PostgreSQL. Queues the messages first (100 per transaction), then times
 * {@link OutboxWorker#drain()} with the built-in outbox provider and with Aliyun played by a local WireMock that
 * answers at once, so the figure is Kept's own cost per message (lease, send, settle, the SMS row), not a provider's.
 */
@KeptTest
class SmsOutboxBenchmark {

    @Autowired
    Sms sms;
    @Autowired
    SmsSettings settings;
    @Autowired
    OutboxWorker worker;
    @Autowired
    Fixtures fixtures;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    @Test
    void drainRate() {
        int count = Integer.getInteger("kept.bench.sms", 2000);
        Customer customer = fixtures.customer("压测短信客户");
        String to = customer.phones().get(0);
        worker.drain();
        System.out.println("SMS outbox drain, " + count + " messages per run");
        System.out.println("outbox provider: " + run(count, to) + " messages/s");
        WireMockServer aliyun = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(20));
        aliyun.start();
        try {
            aliyun.stubFor(post(urlEqualTo("/")).willReturn(okJson("{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"b\"}")));
            settings.use("aliyun", new SmsSettings.Aliyun(aliyun.baseUrl() + "/", "k", "s", "签名"), settings.tencent());
            System.out.println("aliyun (local WireMock): " + run(count, to) + " messages/s");
        } finally {
            settings.use("outbox", settings.aliyun(), settings.tencent());
            aliyun.stop();
        }
    }

    private long run(int count, String to) {
        for (int done = 0; done < count; done += 100) {
            int batch = Math.min(100, count - done);
            tx.executeWithoutResult(s -> {
                for (int i = 0; i < batch; i++) {
                    sms.send(new Sms.SmsRequest(to, "TEST", Map.of("text", "压测"), null, null));
                }
            });
        }
        long started = System.nanoTime();
        int drained = worker.drain();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(drained).isGreaterThanOrEqualTo(count);
        assertThat(jdbc.sql("select count(*) from contact_outbox where state = 'PENDING' and channel = 'SMS'")
                .query(Long.class).single()).isZero();
        return Math.round(drained / seconds);
    }
}
