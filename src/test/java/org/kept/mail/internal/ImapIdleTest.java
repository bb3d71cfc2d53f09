package org.kept.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.shared.DatabaseOutage;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The IDLE watch on a GreenMail mailbox (its own ports, so it runs beside {@code MailTest}): a poller and watch of their
 * own with a short renewal, so "at the next renewal" comes within a test's patience. Between Kept and GreenMail sits a
 * proxy that can swallow the server's {@code * n EXISTS} lines: a notification the client never gets, as GreenMail
 * itself loses one under a burst (its "size changed" flag is cleared after a delivery that set it again) and as
 * Exchange does (it returns messages it never announced).
 */
@KeptTest
class ImapIdleTest {

    @Autowired MailStore store;
    @Autowired MailIngest ingest;
    @Autowired PlatformTransactionManager txManager;
    @Autowired Clock clock;
    @Autowired DatabaseOutage outage;
    @Autowired JdbcClient jdbc;

    GreenMail greenMail;
    ExistsDropper proxy;
    ImapIdle idle;
    ImapPoller poller;
    String address;
    Mailbox box;

    @BeforeEach
    void setUp() throws IOException {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "imap"));
        greenMail.start();
        proxy = new ExistsDropper(greenMail.getImap().getPort());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        address = "burst-" + tag + "@kept.test";
        greenMail.setUser(address, "burst-" + tag, "pw");
        long id = store.addMailbox(new Mailbox(0, address, null, null, "127.0.0.1", proxy.port(), "burst-" + tag, "pw",
                "INBOX", false, false, true), Instant.now());
        box = store.mailbox(id).orElseThrow();
        // renewal every 200 ms instead of 25 s; a lease of 2 minutes is renewed only after half of it (never here)
        idle = new ImapIdle(Duration.ofMillis(200), Duration.ofMillis(100));
        poller = new ImapPoller(store, ingest, txManager, clock, outage, idle, true, true, Duration.ofMinutes(2), 200, 10_000, 4);
    }

    @AfterEach
    void tearDown() {
        idle.destroy();
        poller.destroy();
        proxy.close();
        greenMail.stop();
    }

    @Test
    void aMailWhoseNotificationIsLostIsFetchedAtTheNextRenewal() throws Exception {
        deliver("<first-" + UUID.randomUUID() + "@example.com>", null, "first", 0);
        assertThat(poller.round(box, poller.owner)).isEqualTo(1);
        assertThat(idle.watching(box.id())).isTrue();

        proxy.drop = true; // the server's EXISTS for this mail never reaches Kept
        String lost = "<lost-" + UUID.randomUUID() + "@example.com>";
        deliver(lost, null, "unannounced", 1);
        Awaitility.await("the unannounced mail is stored at a renewal").atMost(Duration.ofSeconds(30))
                .until(() -> store.byMessageId(lost).isPresent());
        // the cursor follows the commit of its chunk: acknowledged only after it is stored
        Awaitility.await("the cursor on the unannounced mail").atMost(Duration.ofSeconds(10))
                .until(() -> store.cursor(box.id()).lastUid() == 2);
        assertThat(idle.watching(box.id())).isTrue();
    }

    @Test
    void aBurstIntoTheIdledMailboxIsStoredWholeWithRepliesOnTheirTickets() throws Exception {
        assertThat(poller.round(box, poller.owner)).isZero();
        assertThat(idle.watching(box.id())).isTrue();
        int burst = 200;
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < burst; i++) {
            String parent = i % 2 == 1 ? "<b" + (i - 1) + "-" + run + "@example.com>" : null;
            deliver("<b" + i + "-" + run + "@example.com>", parent, "宽带断线 " + i, i / 2);
        }
        Awaitility.await("all " + burst + " mails stored").atMost(Duration.ofMinutes(3))
                .until(() -> jdbc.sql("select count(*) from mail_message where mailbox_id = ?").param(box.id())
                        .query(Long.class).single() == burst);
        Awaitility.await("the cursor on the last UID").atMost(Duration.ofSeconds(30))
                .until(() -> store.cursor(box.id()).lastUid() == burst);
        // stored in parallel, yet every reply joined the ticket of the mail it answers
        assertThat(jdbc.sql("select count(distinct ticket_id) from mail_message where mailbox_id = ?").param(box.id())
                .query(Long.class).single()).isEqualTo(burst / 2);
        assertThat(idle.watching(box.id())).isTrue();
    }

    private void deliver(String messageId, String parent, String subject, int sender) throws Exception {
        String raw = "From: sender" + sender + "-" + box.id() + "@example.com\r\nTo: " + address + "\r\nSubject: " + subject
                + "\r\nMessage-ID: " + messageId + "\r\n"
                + (parent == null ? "" : "In-Reply-To: " + parent + "\r\nReferences: " + parent + "\r\n")
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n宽带从昨晚开始断线。\r\n";
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        greenMail.getUserManager().getUserByEmail(address).deliver(m);
    }

    /** Forwards one IMAP connection at a time to GreenMail; while {@code drop} is set, drops the server's EXISTS lines. */
    static final class ExistsDropper implements AutoCloseable {
        private static final Pattern EXISTS = Pattern.compile("^\\* \\d+ EXISTS\\r?\\n$");
        private final ServerSocket server;
        private final int target;
        volatile boolean drop;

        ExistsDropper(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::accept, "exists-dropper");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    pump(client.getInputStream(), upstream.getOutputStream(), false, client, upstream);
                    pump(upstream.getInputStream(), client.getOutputStream(), true, client, upstream);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(InputStream in, OutputStream out, boolean fromServer, Socket a, Socket b) {
            Thread t = new Thread(() -> {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                try {
                    if (!fromServer) {
                        in.transferTo(out);
                        return;
                    }
                    int c;
                    while ((c = in.read()) >= 0) {
                        line.write(c);
                        if (c == '\n') {
                            String text = line.toString(StandardCharsets.ISO_8859_1);
                            if (!(drop && EXISTS.matcher(text).matches())) {
                                line.writeTo(out);
                                out.flush();
                            }
                            line.reset();
                        }
                    }
                } catch (IOException e) {
                    // one side went away
                } finally {
                    try {
                        a.close();
                        b.close();
                    } catch (IOException e) {
                        // closing anyway
                    }
                }
            }, "exists-dropper-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
