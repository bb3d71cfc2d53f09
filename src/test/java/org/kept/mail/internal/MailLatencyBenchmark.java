package org.kept.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.bench.MailIngestBenchmark.expect;
import static org.kept.bench.MailIngestBenchmark.say;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Email received → ticket visible (docs/benchmarks.md §21). Not in the suite (surefire skips {@code *Benchmark*}); run
 * by name, it uses GreenMail's fixed ports: {@code ./mvnw -o -q test -Dtest=MailLatencyBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dkept.bench.mails=300 -Dkept.bench.rate=10 -Dkept.bench.burst=1000}, with
 * {@code KEPT_TEST_DB_URL} for PostgreSQL.
 * <ol>
 * <li>IMAP IDLE: the poller idles on a GreenMail mailbox; mails are delivered into it at a steady rate and each is timed
 * from its delivery to the moment its row (stored in the same transaction as its ticket) is visible to another
 * connection, which looks every 20 ms (a tighter look loaded the database the mails go to).</li>
 * <li>SMTP: the same rate through Kept's inbound listener on one connection; the listener answers 250 after the commit,
 * so MAIL FROM → 250 is the time to a visible ticket.</li>
 * <li>Burst: {@code burst} mails put into the idled mailbox at once, every other one a reply to the one before;
 * mails per second until the last is stored, and the process's CPU per mail (GreenMail included).</li>
 * </ol>
 */
@KeptTest
class MailLatencyBenchmark {

    @Autowired MailStore store;
    @Autowired ImapPoller poller;
    @Autowired JdbcClient jdbc;
    @Autowired Environment environment;

    @Test
    void receivedToVisible() throws Exception {
        int mails = Integer.getInteger("kept.bench.mails", 300);
        int rate = Integer.getInteger("kept.bench.rate", 10);
        int burst = Integer.getInteger("kept.bench.burst", 1000);
        String run = Long.toString(System.nanoTime(), 36);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {new ServerSetup(39251, "127.0.0.1", "smtp"),
                new ServerSetup(39253, "127.0.0.1", "imap")});
        greenMail.start();
        try {
            String address = "lat-" + run + "@kept.test";
            greenMail.setUser(address, "lat-" + run, "pw");
            long boxId = store.addMailbox(new Mailbox(0, address, null, null, "127.0.0.1", 39253, "lat-" + run, "pw",
                    "INBOX", false, false, true), Instant.now());
            Mailbox box = store.mailbox(boxId).orElseThrow();
            assertThat(poller.round(box, poller.owner)).isZero();
            Session session = Session.getInstance(new Properties());

            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            // 1. IMAP IDLE at a steady rate
            long idleCpu0 = os.getProcessCpuTime();
            Map<String, Long> delivered = new ConcurrentHashMap<>();
            long[] idle = new long[mails];
            Watcher watcher = new Watcher(boxId, delivered, idle);
            watcher.start();
            long step = 1_000_000_000L / rate;
            long t0 = System.nanoTime();
            for (int i = 0; i < mails; i++) {
                LockSupport.parkNanos(t0 + i * step - System.nanoTime());
                String id = "<idle" + i + "-" + run + "@example.com>";
                MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw("idle" + i + "-" + run + "@example.com",
                        address, id, null, "宽带断线 " + i).getBytes(StandardCharsets.UTF_8)));
                delivered.put(id, System.nanoTime());
                greenMail.getUserManager().getUserByEmail(address).deliver(m);
            }
            watcher.awaitAll(mails, 120);
            report("IMAP IDLE", mails, rate, Arrays.copyOf(idle, watcher.seen));
            System.out.printf("IMAP IDLE: process CPU %.1f ms per mail (GreenMail and the watcher included)%n",
                    (os.getProcessCpuTime() - idleCpu0) / 1e6 / mails);

            // 2. the inbound SMTP listener at the same rate
            long[] smtp = new long[mails];
            long smtpCpu0 = os.getProcessCpuTime();
            try (Socket s = new Socket("127.0.0.1", Integer.parseInt(environment.getProperty("local.mail.listener.port")))) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                expect(in, "220");
                say(out, "HELO bench");
                expect(in, "250");
                t0 = System.nanoTime();
                for (int i = 0; i < mails; i++) {
                    LockSupport.parkNanos(t0 + i * step - System.nanoTime());
                    String from = "smtp" + i + "-" + run + "@example.com";
                    long start = System.nanoTime();
                    say(out, "MAIL FROM:<" + from + ">");
                    expect(in, "250");
                    say(out, "RCPT TO:<" + address + ">");
                    expect(in, "250");
                    say(out, "DATA");
                    expect(in, "354");
                    say(out, raw(from, address, "<smtp" + i + "-" + run + "@example.com>", null, "宽带断线 " + i) + "\r\n.");
                    expect(in, "250");
                    smtp[i] = System.nanoTime() - start;
                }
                say(out, "QUIT");
            }
            report("SMTP listener", mails, rate, smtp);
            System.out.printf("SMTP listener: process CPU %.1f ms per mail (the client included)%n",
                    (os.getProcessCpuTime() - smtpCpu0) / 1e6 / mails);

            // 3. a burst into the idled mailbox, half of it replies
            delivered.clear();
            long[] burstSeen = new long[burst];
            Watcher second = new Watcher(boxId, delivered, burstSeen);
            long cpu0 = os.getProcessCpuTime();
            second.start();
            t0 = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                String from = "burst" + (i / 2) + "-" + run + "@example.com";
                String id = "<burst" + i + "-" + run + "@example.com>";
                String parent = i % 2 == 1 ? "<burst" + (i - 1) + "-" + run + "@example.com>" : null;
                MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw(from, address, id, parent, "宽带断线 " + i)
                        .getBytes(StandardCharsets.UTF_8)));
                delivered.put(id, System.nanoTime());
                greenMail.getUserManager().getUserByEmail(address).deliver(m);
            }
            second.awaitAll(burst, 600);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long cpu = os.getProcessCpuTime() - cpu0;
            long tickets = jdbc.sql("select count(distinct ticket_id) from mail_message where message_id like ?")
                    .param("<burst%-" + run + "@example.com>").query(Long.class).single();
            System.out.printf("burst through IMAP IDLE: %d mails (half replies) stored in %.1f s: %.0f mails/s; %d tickets; "
                            + "process CPU %.1f ms per mail (GreenMail and the watcher included)%n", second.seen, seconds,
                    second.seen / seconds, tickets, cpu / 1e6 / burst);
        } finally {
            greenMail.stop();
        }
    }

    /** Notes when each awaited mail's row becomes visible, looking every 20 ms from its own connection. */
    private final class Watcher extends Thread {
        final long boxId;
        final Map<String, Long> delivered;
        final long[] latencies;
        volatile int seen;
        volatile boolean done;

        Watcher(long boxId, Map<String, Long> delivered, long[] latencies) {
            this.boxId = boxId;
            this.delivered = delivered;
            this.latencies = latencies;
            setDaemon(true);
        }

        @Override
        public void run() {
            // every row since the start is read again: mails stored in parallel commit out of id order, so "id > the
            // highest seen" would miss a row with a lower id that commits later
            long after = jdbc.sql("select coalesce(max(id), 0) from mail_message").query(Long.class).single();
            while (!done) {
                List<Map.Entry<Long, String>> rows = jdbc.sql("select id, message_id from mail_message where mailbox_id = ? "
                                + "and id > ? and ticket_id is not null order by id")
                        .params(boxId, after).query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
                long now = System.nanoTime();
                for (Map.Entry<Long, String> r : rows) {
                    Long sent = delivered.remove(r.getValue());
                    if (sent != null && seen < latencies.length) {
                        latencies[seen] = now - sent;
                        seen = seen + 1;
                    }
                }
                LockSupport.parkNanos(20_000_000);
            }
        }

        void awaitAll(int n, int maxSeconds) {
            long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
            while (seen < n && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000);
            }
            done = true;
        }
    }

    private static void report(String path, int mails, int rate, long[] latencies) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf("%s, %d mails at %d/s: %d visible, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", path, mails, rate,
                sorted.length, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static String raw(String from, String to, String messageId, String parent, String subject) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId + "\r\n"
                + (parent == null ? "" : "In-Reply-To: " + parent + "\r\nReferences: " + parent + "\r\n")
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n宽带从昨晚开始断线，请尽快处理。\r\n";
    }
}
