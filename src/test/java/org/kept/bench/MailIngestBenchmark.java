package org.kept.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mails ingested per second through Kept's inbound SMTP listener: the listener answers 250 only after the mail is
 * stored (parsed, threaded, on its ticket), so accepted mails per second is the ingest rate. Every other mail is a
 * reply naming an earlier one in In-Reply-To and References, so half the mails go through the threading lookups.
 * Run by hand against a running Kept with the listener on and a mailbox for {@code to} (see docs/benchmarks.md):
 * {@code java -cp … org.kept.bench.MailIngestBenchmark 127.0.0.1 2525 support@kept.local 2000 4}.
 */
public final class MailIngestBenchmark {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String to = args[2];
        int mails = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        String run = Long.toString(System.nanoTime(), 36);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                try (Socket s = new Socket(host, port)) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    OutputStream out = s.getOutputStream();
                    expect(in, "220");
                    say(out, "HELO bench");
                    expect(in, "250");
                    int i;
                    while ((i = next.getAndIncrement()) < mails) {
                        String from = "bench" + (i / 2) + "-" + run + "@example.com";
                        String id = "<b" + i + "-" + run + "@example.com>";
                        String parent = "<b" + (i - 1) + "-" + run + "@example.com>";
                        boolean reply = i % 2 == 1;
                        say(out, "MAIL FROM:<" + from + ">");
                        expect(in, "250");
                        say(out, "RCPT TO:<" + to + ">");
                        expect(in, "250");
                        say(out, "DATA");
                        expect(in, "354");
                        String body = "From: " + from + "\r\nTo: " + to + "\r\nSubject: =?UTF-8?B?5a695bim5pWF6Zqc?= " + i
                                + "\r\nMessage-ID: " + id + "\r\n" + (reply ? "In-Reply-To: " + parent + "\r\nReferences: " + parent + "\r\n" : "")
                                + "Auto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                                + "宽带从昨晚开始断线，请尽快处理。\r\n.";
                        say(out, body);
                        if (!in.readLine().startsWith("250")) {
                            failed.incrementAndGet();
                        }
                    }
                    say(out, "QUIT");
                } catch (Exception e) {
                    failed.incrementAndGet();
                    e.printStackTrace();
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d mails (half replies) in %.1f s with %d connections: %.0f mails/s, %d failed%n", mails, seconds,
                threads, mails / seconds, failed.get());
    }

    /** One SMTP command line. */
    public static void say(OutputStream out, String line) throws java.io.IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads an SMTP reply (its continuation lines too) and fails unless it has this code. */
    public static void expect(BufferedReader in, String code) throws java.io.IOException {
        String line;
        do {
            line = in.readLine();
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        if (line == null || !line.startsWith(code)) {
            throw new IllegalStateException("expected " + code + " but got " + line);
        }
    }
}
