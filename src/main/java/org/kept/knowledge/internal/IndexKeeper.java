package org.kept.knowledge.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.KnowledgeChanged;
import org.kept.shared.StartupWork;
import org.slf4j.Logger;
import org.springframework.context.ApplicationEventPublisher;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's index equal to the database. Built from the stored vectors at startup (or on demand), updated
 * at once by this instance's own writes, and by polling the change log every second for other instances' writes.
 * The poll re-reads a window below the last change it saw, because change ids are taken before commit: a transaction
 * that took a lower id can commit after a higher one was read. Re-reading is cheap, an article whose indexed version is
 * already current is skipped.
 */
@Component
public class IndexKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IndexKeeper.class);
    /** How far below the last seen change the poll looks again for late commits. */
    static final int LATE_WINDOW = 200;
    static final int POLL_BATCH = 5_000;
    /** Articles read from the database before they are indexed in parallel. */
    static final int BATCH = 5_000;
    /** Kept serves nobody before the index is built: a search would find nothing. */
    private static final String WORK = "knowledge index";

    private final ArticleStore store;
    private final SearchIndex index = new SearchIndex();
    private volatile long seen;
    private volatile boolean ready;

    private final ApplicationEventPublisher events;
    private final StartupWork startup;

    IndexKeeper(ArticleStore store, ApplicationEventPublisher events, StartupWork startup) {
        this.store = store;
        this.events = events;
        this.startup = startup;
        startup.expect(WORK);
    }

    SearchIndex index() {
        return index;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStartup() {
        startup.run(WORK, this::rebuild);
    }

    /** What a rebuild asked for by someone did: articles indexed and how long it took. */
    public record Rebuilt(int articles, long millis) {
    }

    /** A rebuild someone asked for; the audit log records who, on which instance's index, and what it found. */
    public Rebuilt rebuild(CurrentUser by) {
        long started = System.nanoTime();
        int count = rebuild();
        long millis = (System.nanoTime() - started) / 1_000_000;
        events.publishEvent(new KnowledgeChanged(by.username(), "knowledge.index.rebuild", "knowledge-index",
                "articles=" + count + " millis=" + millis));
        return new Rebuilt(count, millis);
    }

    /** Drops the index and loads every article's current version with its stored vector; returns the count. */
    public synchronized int rebuild() {
        long started = System.nanoTime();
        long last = store.lastChange();
        index.clear();
        int[] count = {0};
        List<IndexedArticle> batch = new ArrayList<>(BATCH);
        store.eachCurrent(a -> {
            batch.add(a);
            count[0]++;
            if (batch.size() == BATCH) {
                index.putAll(batch);
                batch.clear();
            }
        });
        index.putAll(batch);
        index.optimise();
        seen = last;
        ready = true;
        log.info("Knowledge index built: {} articles in {} ms", count[0], Duration.ofNanos(System.nanoTime() - started).toMillis());
        return count[0];
    }

    /** Re-reads one article from the database into the index, visible at once. */
    void reindex(long articleId) {
        store.current(articleId).ifPresent(index::put);
        index.refresh();
    }

    @Scheduled(fixedDelayString = "${kept.knowledge.poll-every:PT1S}")
    void poll() {
        if (ready) {
            catchUp();
        }
    }

    /** Applies changes other instances made; returns how many articles were re-read. */
    synchronized int catchUp() {
        Set<Long> articles = new HashSet<>();
        long max = seen;
        for (long[] change : store.changesAfter(Math.max(0, seen - LATE_WINDOW), POLL_BATCH)) {
            articles.add(change[1]);
            max = Math.max(max, change[0]);
        }
        int reread = 0;
        for (long id : articles) {
            var current = store.current(id);
            if (current.isPresent() && (current.get().version() != index.versionOf(id) || touchChanged(current.get()))) {
                index.put(current.get());
                reread++;
            }
        }
        if (reread > 0) {
            index.refresh();
        }
        seen = max;
        return reread;
    }

    private boolean touchChanged(IndexedArticle a) {
        return index.touched(a.id()) != a.touched();
    }

    @Override
    public void close() throws Exception {
        index.close();
    }
}
