package org.kept.mail.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stores a chunk of fetched mails on a few worker threads. Mails that belong together go to one lane and are stored in
 * UID order on it: a reply after the mail it names (In-Reply-To, References, the ticket token in the subject), and the
 * mails of one sender (so two threads never create the same new customer). Lanes run in parallel. The caller learns the
 * lowest UID that was not stored, so its cursor never passes a mail that is not stored.
 */
final class MailLanes implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern ADDRESS = Pattern.compile("<([^<>\\s]+)>");

    /** {@code failedUid} is null when every mail was stored; otherwise the lowest UID not stored and why. */
    record Result(Long failedUid, RuntimeException failure) {
    }

    private final int workers;
    private final ExecutorService pool;

    MailLanes(int workers) {
        this.workers = Math.max(1, workers);
        AtomicInteger n = new AtomicInteger();
        this.pool = this.workers == 1 ? null : Executors.newFixedThreadPool(this.workers, r -> {
            Thread t = new Thread(r, "imap-store-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    Result store(SortedMap<Long, byte[]> mails, Consumer<byte[]> ingest) {
        List<List<Map.Entry<Long, byte[]>>> lanes = lanes(mails);
        if (pool == null || lanes.size() == 1) {
            Result worst = new Result(null, null);
            for (List<Map.Entry<Long, byte[]>> lane : lanes) {
                worst = lower(worst, run(lane, ingest));
            }
            return worst;
        }
        List<Future<Result>> running = new ArrayList<>();
        for (List<Map.Entry<Long, byte[]>> lane : lanes) {
            running.add(pool.submit(() -> run(lane, ingest)));
        }
        Result worst = new Result(null, null);
        for (int i = 0; i < running.size(); i++) {
            try {
                worst = lower(worst, running.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return lower(worst, new Result(lanes.get(i).get(0).getKey(), new IllegalStateException("interrupted", e)));
            } catch (ExecutionException e) {
                worst = lower(worst, new Result(lanes.get(i).get(0).getKey(), new IllegalStateException(e.getCause())));
            }
        }
        return worst;
    }

    private static Result run(List<Map.Entry<Long, byte[]>> lane, Consumer<byte[]> ingest) {
        for (Map.Entry<Long, byte[]> mail : lane) {
            try {
                ingest.accept(mail.getValue());
            } catch (RuntimeException e) {
                return new Result(mail.getKey(), e); // the rest of the lane may depend on it: not stored either
            }
        }
        return new Result(null, null);
    }

    private static Result lower(Result a, Result b) {
        if (a.failedUid() == null) {
            return b;
        }
        return b.failedUid() == null || a.failedUid() <= b.failedUid() ? a : b;
    }

    /** Groups the mails (union by shared sender, Message-ID or ticket token), each group in UID order. */
    static List<List<Map.Entry<Long, byte[]>>> lanes(SortedMap<Long, byte[]> mails) {
        List<Map.Entry<Long, byte[]>> all = new ArrayList<>(mails.entrySet());
        int[] parent = new int[all.size()];
        Map<String, Integer> owner = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            parent[i] = i;
            for (String key : keys(all.get(i).getValue())) {
                Integer first = owner.putIfAbsent(key, i);
                if (first != null) {
                    parent[root(parent, i)] = root(parent, first);
                }
            }
        }
        Map<Integer, List<Map.Entry<Long, byte[]>>> groups = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            groups.computeIfAbsent(root(parent, i), r -> new ArrayList<>()).add(all.get(i));
        }
        return new ArrayList<>(groups.values());
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** The sender, its own and the named Message-IDs and the ticket tokens of one mail, from its header alone. */
    private static List<String> keys(byte[] raw) {
        List<String> keys = new ArrayList<>();
        InternetHeaders h;
        try {
            h = new InternetHeaders(new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            return keys; // unreadable here: the parser will say more; alone in its lane
        }
        String from = h.getHeader("From", ",");
        if (from != null) {
            Matcher a = ADDRESS.matcher(from);
            keys.add("from:" + (a.find() ? a.group(1) : from.strip()).toLowerCase(Locale.ROOT));
        }
        for (String name : new String[] {"Message-ID", "In-Reply-To", "References"}) {
            String value = h.getHeader(name, " ");
            if (value != null) {
                Matcher id = ID.matcher(value);
                while (id.find()) {
                    keys.add("id:" + id.group());
                }
            }
        }
        String subject = h.getHeader("Subject", " ");
        if (subject != null) {
            try {
                subject = MimeUtility.decodeText(MimeUtility.unfold(subject));
            } catch (UnsupportedEncodingException e) {
                // the raw text still carries an ASCII token
            }
            Matcher token = Threading.SUBJECT_TOKEN.matcher(subject);
            while (token.find()) {
                keys.add("token:" + token.group(1));
            }
        }
        return keys;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
