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
import java.util.Properties;
import java.util.UUID;
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
 * mail and the Message-ID makes that a no-op. One instance polls a mailbox at a time: it holds a lease row.
 */
@Component
class ImapPoller {

    private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);

    private final MailStore store;
    private final MailIngest ingest;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DatabaseOutage outage;
    private final boolean enabled;
    private final Duration lease;
    private final int batch;
    private final int timeout;
    final String owner = UUID.randomUUID().toString();

    ImapPoller(MailStore store, MailIngest ingest, PlatformTransactionManager txManager, Clock clock, DatabaseOutage outage,
               @Value("${kept.mail.imap.enabled:true}") boolean enabled, @Value("${kept.mail.imap.lease:PT2M}") Duration lease,
               @Value("${kept.mail.imap.batch:200}") int batch, @Value("${kept.mail.imap.timeout-ms:60000}") int timeout) {
        this.store = store;
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

    /** Polls every IMAP mailbox this instance can lease; returns how many mails it stored. */
    int pollAll() {
        int stored = 0;
        for (Mailbox box : store.mailboxes()) {
            if (box.polled()) {
                try {
                    stored += poll(box, owner);
                } catch (MessagingException | IOException | RuntimeException e) {
                    log.warn("IMAP poll of mailbox {} failed, next round tries again: {}", box.id(), e.toString());
                }
            }
        }
        return stored;
    }

    /** One round on one mailbox as {@code who}; 0 when another instance holds it. */
    int poll(Mailbox box, String who) throws MessagingException, IOException {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> store.ensureCursor(box.id(), now));
        if (!Boolean.TRUE.equals(tx.execute(s -> store.lease(box.id(), who, now, now.plus(lease))))) {
            return 0;
        }
        int stored = 0;
        try (Store imap = session(box).getStore(box.imapSsl() ? "imaps" : "imap")) {
            imap.connect(box.imapHost(), box.imapPort() == null ? -1 : box.imapPort(), box.imapUser(), box.imapPassword());
            Folder folder = imap.getFolder(box.imapFolder());
            folder.open(Folder.READ_ONLY);
            try {
                UIDFolder uids = (UIDFolder) folder;
                long validity = uids.getUIDValidity();
                MailStore.Cursor cursor = store.cursor(box.id());
                // a new UIDVALIDITY means the server renumbered the folder: read it all again, the Message-ID dedupes
                long from = cursor.uidValidity() == validity ? cursor.lastUid() + 1 : 1;
                Message[] messages = uids.getMessagesByUID(from, UIDFolder.LASTUID);
                FetchProfile profile = new FetchProfile();
                profile.add(UIDFolder.FetchProfileItem.UID);
                folder.fetch(messages, profile);
                for (Message message : messages) {
                    long uid = uids.getUID(message);
                    if (uid < from) {
                        continue; // "n:*" returns the last mail even when nothing is newer
                    }
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    message.writeTo(raw);
                    ingest.ingest(raw.toByteArray(), box);
                    if (!Boolean.TRUE.equals(tx.execute(s -> store.advance(box.id(), who, validity, uid)))) {
                        log.warn("Lost the lease on mailbox {} at UID {}", box.id(), uid);
                        return stored;
                    }
                    stored++;
                    if (stored >= batch) {
                        break;
                    }
                }
            } finally {
                folder.close(false);
            }
        } finally {
            tx.executeWithoutResult(s -> store.release(box.id(), who, clock.instant()));
        }
        return stored;
    }

    private Session session(Mailbox box) {
        Properties p = new Properties();
        String proto = box.imapSsl() ? "imaps" : "imap";
        p.put("mail." + proto + ".connectiontimeout", String.valueOf(timeout));
        p.put("mail." + proto + ".timeout", String.valueOf(timeout));
        return Session.getInstance(p);
    }
}
