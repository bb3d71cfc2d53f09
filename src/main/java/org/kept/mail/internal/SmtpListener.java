package org.kept.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The inbound SMTP listener for centres that route their mail to Kept directly (off unless
 * {@code kept.mail.listener.enabled}). It accepts mail only for the mailboxes' addresses (plus-addresses included) and
 * answers "250" only after the mail is stored: a failure is a 4xx and the sending server tries again.
 */
@Component
class SmtpListener implements SmartLifecycle, SimpleMessageListener {

    private static final Logger log = LoggerFactory.getLogger(SmtpListener.class);

    private final MailIngest ingest;
    private final MailStore store;
    private final boolean enabled;
    private final String bind;
    private final int port;
    private final int maxBytes;
    private final ConfigurableEnvironment environment;
    private volatile SMTPServer server;

    SmtpListener(MailIngest ingest, MailStore store, ConfigurableEnvironment environment,
                 @Value("${kept.mail.listener.enabled:false}") boolean enabled,
                 @Value("${kept.mail.listener.bind:127.0.0.1}") String bind, @Value("${kept.mail.listener.port:2525}") int port,
                 @Value("${kept.mail.listener.max-message-bytes:26214400}") int maxBytes) {
        this.ingest = ingest;
        this.store = store;
        this.environment = environment;
        this.enabled = enabled;
        this.bind = bind;
        this.port = port;
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean accept(String from, String recipient) {
        return recipient != null && store.mailboxAt(Threading.withoutPlus(recipient.toLowerCase(java.util.Locale.ROOT))).isPresent();
    }

    @Override
    public void deliver(String from, String recipient, InputStream data) throws IOException {
        byte[] raw = data.readAllBytes();
        Mailbox box = store.mailboxAt(Threading.withoutPlus(recipient.toLowerCase(java.util.Locale.ROOT))).orElse(null);
        try {
            ingest.ingest(raw, box);
        } catch (RuntimeException e) {
            log.warn("Mail for {} not stored, the sender will retry: {}", recipient, e.toString());
            throw new IOException("not stored", e);
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        try {
            server = SMTPServer.port(port).bindAddress(InetAddress.getByName(bind)).simpleMessageListener(this)
                    .maxMessageSize(maxBytes).softwareName("Kept").build();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("kept.mail.listener.bind: " + bind, e);
        }
        server.start();
        // like local.server.port: with port 0 (tests, several contexts in one JVM) the system's choice is readable
        environment.getPropertySources().addFirst(new MapPropertySource("kept.mail.listener",
                java.util.Map.of("local.mail.listener.port", server.getPortAllocated())));
        log.info("Inbound SMTP listener on {}:{}", bind, server.getPortAllocated());
    }

    /** The port in use (the configured one, or the one the system chose for port 0). */
    int port() {
        SMTPServer s = server;
        return s == null ? -1 : s.getPortAllocated();
    }

    @Override
    public void stop() {
        SMTPServer s = server;
        if (s != null) {
            s.stop();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
