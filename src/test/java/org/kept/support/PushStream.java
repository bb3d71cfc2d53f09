package org.kept.support;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** One person's push stream ({@code GET /api/v1/push}) read line by line as the server writes it, like a browser. */
public final class PushStream implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    private PushStream(String baseUrl, String token) {
        response = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/push?seconds=60"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> r.body().forEach(lines::add));
    }

    /** Opens the stream and waits for the server's hello, so nothing pushed afterwards can be missed. */
    public static PushStream open(String baseUrl, String token) {
        PushStream stream = new PushStream(baseUrl, token);
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.lines.contains("event:hello"));
        return stream;
    }

    public HttpResponse<Stream<String>> response() {
        return response.join();
    }

    /** The data lines of the events of this name, in order. */
    public List<String> data(String event) {
        List<String> data = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).equals("event:" + event) && lines.get(i + 1).startsWith("data:")) {
                data.add(lines.get(i + 1).substring(5));
            }
        }
        return data;
    }

    /** Waits until an event of this name has arrived and returns its latest data. */
    public String awaitEvent(String event, Duration within) {
        await().atMost(within).until(() -> !data(event).isEmpty());
        List<String> all = data(event);
        return all.get(all.size() - 1);
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
