package org.kept.mail.internal;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.kept.shared.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Polls each IMAP mailbox from a UID cursor: only mail after the last stored UID is fetched (never "the last day"
 * again), each mail is stored in its own transaction and the cursor moves after it, so a crash re-reads at most one
 * mail and the Message-ID makes that a no-op. One instance polls a mailbox at a time: it holds a lease row. Where the
 * server announces IDLE, the round stays connected and {@link ImapIdle} fetches as soon as the server signals new mail,
 * still under the lease and from the same cursor; elsewhere the mailbox is polled every {@code poll-interval}.
 */
@Component
class ImapPoller {

    private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);
    /** Mails fetched whole in one command: few round trips, and at most this many mails in memory at once. */
    private static final int PREFETCH = 20;
    private static final FetchProfile WHOLE = new FetchProfile();

    static {
        WHOLE.add(IMAPFolder.FetchProfileItem.MESSAGE);
    }

    private final MailStore store;
    private final MailIngest ingest;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DatabaseOutage outage;
    private final boolean enabled;
    private final Duration lease;
    private final int batch;
    private final int timeout;
    private final ImapIdle idle;
    private final boolean idleOn;
    final String owner = UUID.randomUUID().toString();

    ImapPoller(MailStore store, MailIngest ingest, PlatformTransactionManager txManager, Clock clock, DatabaseOutage outage,
               ImapIdle idle, @Value("${kept.mail.imap.enabled:true}") boolean enabled,
               @Value("${kept.mail.imap.idle:true}") boolean idleOn, @Value("${kept.mail.imap.lease:PT2M}") Duration lease,
               @Value("${kept.mail.imap.batch:200}") int batch, @Value("${kept.mail.imap.timeout-ms:60000}") int timeout) {
        this.store = store;
        this.idle = idle;
        this.idleOn = idleOn;
        this.ingest = ingest;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
        this.outage = outage;
        this.enabled = enabled;
        this.lease = lease;
        this.batch = batch;
        this.timeout = timeout;
    }

    @Scheduled(fixedDelayString = "${kept.mail.imap.poll-interval:PT30S}", initialDelayString = "${kept.mail.imap.poll-delay:PT20S}")
    void scheduled() {
        if (enabled && !outage.away()) {
            pollAll();
        }
    }

    /** Polls every IMAP mailbox this instance can lease, then waits in IDLE where it can; returns how many mails it stored. */
    int pollAll() {
        int stored = 0;
        for (Mailbox box : store.mailboxes()) {
            if (box.polled() && !idle.watching(box.id())) {
                try {
                    stored += round(box, owner);
                } catch (MessagingException | IOException | RuntimeException e) {
                    log.warn("IMAP poll of mailbox {} failed, next round tries again: {}", box.id(), e.toString());
                }
            }
        }
        return stored;
    }

    /** One round on one mailbox as {@code who}, closing the connection after it; 0 when another instance holds it. */
    int poll(Mailbox box, String who) throws MessagingException, IOException {
        return round(box, who, false);
    }

    /** A round that stays connected in IDLE afterwards when the server has it and IDLE is on. */
    int round(Mailbox box, String who) throws MessagingException, IOException {
        return round(box, who, idleOn);
    }

    private int round(Mailbox box, String who, boolean thenIdle) throws MessagingException, IOException {
        if (idle.watching(box.id())) {
            return 0; // this instance waits on it in IDLE already
        }
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> store.ensureCursor(box.id(), now));
        if (!Boolean.TRUE.equals(tx.execute(s -> store.lease(box.id(), who, now, now.plus(lease))))) {
            return 0;
        }
        Store imap = null;
        Folder folder = null;
        boolean handedOver = false;
        try {
            imap = session(box).getStore(box.imapSsl() ? "imaps" : "imap");
            imap.connect(box.imapHost(), box.imapPort() == null ? -1 : box.imapPort(), box.imapUser(), box.imapPassword());
            folder = imap.getFolder(box.imapFolder());
            folder.open(Folder.READ_ONLY);
            int stored = 0;
            int got;
            do {
                got = fetch(box, folder, who);
                stored += Math.max(got, 0);
            } while (thenIdle && got >= batch);
            if (got >= 0 && thenIdle && folder instanceof IMAPFolder f) {
                handedOver = idle.watch(box.id(), imap, f, held(box, who, imap, f));
            }
            return stored;
        } finally {
            if (!handedOver) {
                close(folder, imap);
                tx.executeWithoutResult(s -> store.release(box.id(), who, clock.instant()));
            }
        }
    }

    /**
     * Stores the mails after the cursor, each in its own transaction with the cursor moved after it, at most a batch;
     * -1 when the lease was lost on the way (another instance has the mailbox now).
     */
    private int fetch(Mailbox box, Folder folder, String who) throws MessagingException, IOException {
        UIDFolder uids = (UIDFolder) folder;
        long validity = uids.getUIDValidity();
        MailStore.Cursor cursor = store.cursor(box.id());
        // a new UIDVALIDITY means the server renumbered the folder: read it all again, the Message-ID dedupes
        long from = cursor.uidValidity() == validity ? cursor.lastUid() + 1 : 1;
        // "UID FETCH n:* (UID)": the messages come back with their UIDs, no second round trip for them
        Message[] messages = uids.getMessagesByUID(from, UIDFolder.LASTUID);
        int stored = 0;
        for (int at = 0; at < messages.length && stored < batch; at += PREFETCH) {
            Message[] chunk = Arrays.copyOfRange(messages, at, Math.min(messages.length, at + PREFETCH));
            // whole mails in one FETCH per chunk instead of one per mail (each is a round trip to the server)
            folder.fetch(chunk, WHOLE);
            for (Message message : chunk) {
                long uid = uids.getUID(message);
                if (uid < from) {
                    continue; // "n:*" returns the last mail even when nothing is newer
                }
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                message.writeTo(raw);
                ingest.ingest(raw.toByteArray(), box);
                if (!Boolean.TRUE.equals(tx.execute(s -> store.advance(box.id(), who, validity, uid)))) {
                    log.warn("Lost the lease on mailbox {} at UID {}", box.id(), uid);
                    return -1;
                }
                stored++;
                if (stored >= batch) {
                    break;
                }
            }
        }
        return stored;
    }

    /** The IDLE watch's hold on the mailbox: the same lease and cursor as a polling round. */
    private ImapIdle.Held held(Mailbox box, String who, Store imap, IMAPFolder folder) {
        return new ImapIdle.Held() {
            @Override
            public boolean fetch() throws MessagingException, IOException {
                int got;
                do {
                    got = ImapPoller.this.fetch(box, folder, who);
                } while (got >= batch);
                return got >= 0;
            }

            @Override
            public boolean renew() {
                Instant now = clock.instant();
                // a mailbox switched off or moved to another server while it was watched is let go
                return store.mailbox(box.id()).filter(b -> b.polled() && b.equals(box)).isPresent()
                        && Boolean.TRUE.equals(tx.execute(s -> store.lease(box.id(), who, now, now.plus(lease))));
            }

            @Override
            public void end() {
                close(folder, imap);
                tx.executeWithoutResult(s -> store.release(box.id(), who, clock.instant()));
            }

            @Override
            public boolean reconnect() {
                try {
                    round(box, who);
                } catch (MessagingException | IOException | RuntimeException e) {
                    log.info("IMAP reconnect to mailbox {} failed: {}", box.id(), e.toString());
                }
                return idle.watching(box.id());
            }
        };
    }

    private static void close(Folder folder, Store imap) {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            log.debug("closing IMAP folder: {}", e.toString());
        }
        try {
            if (imap != null) {
                imap.close();
            }
        } catch (MessagingException e) {
            log.debug("closing IMAP store: {}", e.toString());
        }
    }

    private Session session(Mailbox box) {
        Properties p = new Properties();
        String proto = box.imapSsl() ? "imaps" : "imap";
        p.put("mail." + proto + ".connectiontimeout", String.valueOf(timeout));
        p.put("mail." + proto + ".timeout", String.valueOf(timeout));
        return Session.getInstance(p);
    }
}
