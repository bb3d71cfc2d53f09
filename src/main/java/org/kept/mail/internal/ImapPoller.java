package org.kept.mail.internal;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;
import jakarta.annotation.PreDestroy;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
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
 * again). Mails are fetched 20 at a time and stored by a few workers in parallel ({@link MailLanes}: a reply after the
 * mail it answers), each in its own transaction; the cursor then moves to the highest UID below which all are stored,
 * so no mail is acknowledged before it is stored, and a crash re-reads at most those 20, which the Message-ID makes
 * no-ops. One instance polls a mailbox at a time: it holds a lease row. Where the
 * server announces IDLE, the round stays connected and {@link ImapIdle} fetches as soon as the server signals new mail,
 * still under the lease and from the same cursor; elsewhere the mailbox is polled every {@code poll-interval}.
 */
@Component
class ImapPoller {

    private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);
    /** Mails fetched whole in one command: few round trips, and at most this many mails in memory at once. */
    private static final int PREFETCH = 20;

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
    private final MailLanes lanes;
    final String owner = UUID.randomUUID().toString();

    ImapPoller(MailStore store, MailIngest ingest, PlatformTransactionManager txManager, Clock clock, DatabaseOutage outage,
               ImapIdle idle, @Value("${kept.mail.imap.enabled:true}") boolean enabled,
               @Value("${kept.mail.imap.idle:true}") boolean idleOn, @Value("${kept.mail.imap.lease:PT2M}") Duration lease,
               @Value("${kept.mail.imap.batch:200}") int batch, @Value("${kept.mail.imap.timeout-ms:60000}") int timeout,
               @Value("${kept.mail.imap.workers:4}") int workers) {
        this.lanes = new MailLanes(workers);
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

    @PreDestroy
    void destroy() {
        lanes.close();
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
        Instant until = now.plus(lease);
        if (!Boolean.TRUE.equals(tx.execute(s -> store.lease(box.id(), who, now, until)))) {
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
                got = fetch(box, (IMAPFolder) folder, who);
                stored += Math.max(got, 0);
            } while (thenIdle && got >= batch);
            if (got >= 0 && thenIdle && folder instanceof IMAPFolder f) {
                handedOver = idle.watch(box.id(), imap, f, held(box, who, imap, f, until));
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
     * Stores the mails after the cursor, at most a batch, and moves the cursor over them; -1 when the lease was lost on
     * the way (another instance has the mailbox now). The UIDs and the mails are asked for by UID ({@code UID FETCH
     * n:*}) and read from the responses themselves, not through Angus's message list: that list grows only with the
     * {@code EXISTS} notifications the client received, and Angus silently drops a fetched message whose number lies
     * beyond it, so one lost notification (GreenMail loses one under a burst; Exchange answers with messages it never
     * announced) hid the mails after it for as long as the connection stayed open, renewal after renewal.
     */
    private int fetch(Mailbox box, IMAPFolder folder, String who) throws MessagingException, IOException {
        long validity = folder.getUIDValidity();
        MailStore.Cursor cursor = store.cursor(box.id());
        // a new UIDVALIDITY means the server renumbered the folder: read it all again, the Message-ID dedupes
        long from = cursor.uidValidity() == validity ? cursor.lastUid() + 1 : 1;
        long[] uids = uidsFrom(folder, from);
        int stored = 0;
        for (int at = 0; at < uids.length && stored < batch; ) {
            long[] chunk = Arrays.copyOfRange(uids, at, Math.min(uids.length, at + Math.min(PREFETCH, batch - stored)));
            at += chunk.length;
            // whole mails in one FETCH per chunk instead of one per mail (each is a round trip to the server)
            java.util.SortedMap<Long, byte[]> mails = bodies(folder, chunk);
            MailLanes.Result done = lanes.store(mails, raw -> ingest.ingest(raw, box));
            long upTo = done.failedUid() == null ? chunk[chunk.length - 1] : done.failedUid() - 1;
            // the cursor moves to the highest UID below which every mail is stored, never past one that is not
            if (upTo >= from && !Boolean.TRUE.equals(tx.execute(s -> store.advance(box.id(), who, validity, upTo)))) {
                log.warn("Lost the lease on mailbox {} at UID {}", box.id(), upTo);
                return -1;
            }
            if (done.failure() != null) {
                throw done.failure();
            }
            from = Math.max(from, upTo + 1);
            stored += chunk.length;
        }
        return stored;
    }

    /** "UID FETCH n:* (UID)" answered from the server's responses: every UID from {@code from} on, ascending. */
    private static long[] uidsFrom(IMAPFolder folder, long from) throws MessagingException {
        return (long[]) folder.doCommand(p -> {
            Response[] r = p.command("UID FETCH " + from + ":* (UID)", null);
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
            return Arrays.stream(r).filter(FetchResponse.class::isInstance).map(f -> ((FetchResponse) f).getItem(UID.class))
                    .filter(java.util.Objects::nonNull).mapToLong(u -> u.uid)
                    .filter(u -> u >= from) // "n:*" returns the last mail even when nothing is newer
                    .sorted().distinct().toArray();
        });
    }

    /** The whole mails of these UIDs in one "UID FETCH", by UID; a mail expunged in between is missing. */
    @SuppressWarnings("unchecked")
    private static java.util.SortedMap<Long, byte[]> bodies(IMAPFolder folder, long[] uids) throws MessagingException {
        StringBuilder set = new StringBuilder();
        for (long uid : uids) {
            set.append(set.isEmpty() ? "" : ",").append(uid);
        }
        return (java.util.SortedMap<Long, byte[]>) folder.doCommand(p -> {
            Response[] r = p.command("UID FETCH " + set + " (UID BODY.PEEK[])", null);
            java.util.SortedMap<Long, byte[]> mails = new java.util.TreeMap<>();
            for (Response response : r) {
                if (response instanceof FetchResponse f) {
                    UID uid = f.getItem(UID.class);
                    BODY body = f.getItem(BODY.class);
                    if (uid != null && body != null && body.getByteArray() != null) {
                        mails.put(uid.uid, body.getByteArray().getNewBytes());
                    }
                }
            }
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
            return mails;
        });
    }

    /** The IDLE watch's hold on the mailbox: the same lease and cursor as a polling round. */
    private ImapIdle.Held held(Mailbox box, String who, Store imap, IMAPFolder folder, Instant leased) {
        return new ImapIdle.Held() {
            private Instant until = leased;

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
                // the lease is extended once half of it has passed, not at every wake-up (a statement per mail)
                if (now.isBefore(until.minus(lease.dividedBy(2)))) {
                    return true;
                }
                // a mailbox switched off or moved to another server while it was watched is let go
                boolean kept = store.mailbox(box.id()).filter(b -> b.polled() && b.equals(box)).isPresent()
                        && Boolean.TRUE.equals(tx.execute(s -> store.lease(box.id(), who, now, now.plus(lease))));
                if (kept) {
                    until = now.plus(lease);
                }
                return kept;
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
