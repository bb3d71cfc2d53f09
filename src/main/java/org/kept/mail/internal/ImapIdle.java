package org.kept.mail.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Waits in IMAP IDLE (RFC 2177) on the mailboxes whose server announces it, one thread per mailbox: the poller hands
 * over its open connection while it holds the mailbox's lease, and a mail is fetched as soon as the server says
 * {@code EXISTS} instead of at the next poll. The wait is broken every {@code idle-renew}: the lease is extended once
 * half of it has passed (so a crashed instance's mailbox is free again after the lease), and the fetch after each break
 * catches anything a notification missed (it asks the server for every UID after the cursor, not the client's count of
 * announced mails, see {@link ImapPoller}). A dropped connection ends the watch, gives the lease back and reconnects after a growing delay.
 */
@Component
class ImapIdle implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImapIdle.class);
    private static final int RECONNECT_TRIES = 6;

    /** What the watch does with the mailbox it holds; the poller implements it over its lease and UID cursor. */
    interface Held {
        /** Stores the mails after the cursor; false when the lease was lost on the way. */
        boolean fetch() throws MessagingException, java.io.IOException;

        /** Extends the lease; false when another instance holds the mailbox now. */
        boolean renew();

        /** Closes the connection and gives the lease back. */
        void end();

        /** Connects again after a drop; true when it is watching again. */
        boolean reconnect();
    }

    private final Map<Long, Watch> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "imap-idle-timer");
        t.setDaemon(true);
        return t;
    });
    private final Duration renew;
    private final Duration reconnect;
    private volatile boolean stopped;

    ImapIdle(@Value("${kept.mail.imap.idle-renew:PT25S}") Duration renew,
             @Value("${kept.mail.imap.reconnect-delay:PT2S}") Duration reconnect) {
        this.renew = renew;
        this.reconnect = reconnect;
    }

    boolean watching(long mailboxId) {
        return watches.containsKey(mailboxId);
    }

    /**
     * Takes over the open folder of {@code mailboxId} when its server has IDLE; false (and the caller closes the
     * connection) otherwise, so such a mailbox stays polled.
     */
    boolean watch(long mailboxId, Store imap, IMAPFolder folder, Held held) throws MessagingException {
        if (stopped || !(imap instanceof IMAPStore s) || !s.hasCapability("IDLE")) {
            return false;
        }
        Watch w = new Watch(mailboxId, imap, folder, held);
        if (watches.putIfAbsent(mailboxId, w) != null) {
            return false;
        }
        // a notification that comes while the watch fetches, or before the server accepted IDLE, is only counted by
        // Angus, not returned from idle(): the listener marks it, and breaks the wait when the watch is in it already
        folder.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
                w.pending = true;
                if (w.idling) {
                    w.wake();
                }
            }
        });
        w.renewal = timer.scheduleWithFixedDelay(w::wake, renew.toMillis(), renew.toMillis(), TimeUnit.MILLISECONDS);
        Thread t = new Thread(w::run, "imap-idle-" + mailboxId);
        t.setDaemon(true);
        t.start();
        return true;
    }

    @Override
    public void destroy() {
        stopped = true;
        watches.values().forEach(Watch::close);
        timer.shutdownNow();
    }

    private final class Watch {
        final long mailboxId;
        final Store imap;
        final IMAPFolder folder;
        final Held held;
        volatile ScheduledFuture<?> renewal;
        volatile boolean due;
        volatile boolean pending;
        volatile boolean idling;

        Watch(long mailboxId, Store imap, IMAPFolder folder, Held held) {
            this.mailboxId = mailboxId;
            this.imap = imap;
            this.folder = folder;
            this.held = held;
        }

        void run() {
            boolean dropped = false;
            try {
                while (!stopped) {
                    idling = true;
                    if (!pending) {
                        folder.idle(true);
                    }
                    idling = false;
                    pending = false;
                    if (stopped || !held.renew() || !held.fetch()) {
                        break;
                    }
                }
            } catch (MessagingException | java.io.IOException | RuntimeException e) {
                dropped = !stopped;
                log.warn("IMAP IDLE on mailbox {} ended, reconnecting: {}", mailboxId, e.toString());
            } finally {
                renewal.cancel(false);
                watches.remove(mailboxId, this);
                held.end();
            }
            if (dropped) {
                reconnectLater(held, 1);
            }
        }

        /** Breaks the IDLE: any command from another thread makes Angus send DONE first. */
        void wake() {
            if (due) {
                return;
            }
            due = true;
            timer.execute(() -> {
                due = false;
                try {
                    folder.doCommand(p -> {
                        p.simpleCommand("NOOP", null);
                        return null;
                    });
                } catch (MessagingException | RuntimeException e) {
                    close(); // the watching thread sees the drop too and ends the watch
                }
            });
        }

        void close() {
            try {
                imap.close();
            } catch (MessagingException e) {
                log.debug("closing IMAP connection of mailbox {}: {}", mailboxId, e.toString());
            }
        }
    }

    private void reconnectLater(Held held, int attempt) {
        if (stopped || attempt > RECONNECT_TRIES) {
            return; // the scheduled poll takes it up again
        }
        long delay = reconnect.toMillis() << (attempt - 1);
        timer.schedule(() -> {
            boolean again;
            try {
                again = held.reconnect();
            } catch (RuntimeException e) {
                again = false;
            }
            if (!again) {
                reconnectLater(held, attempt + 1);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }
}
