package org.kept.shared;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * HTTP to a third party (a payment or privacy-number provider, an order system, a platform's API): a lost connection
 * or a timeout is an answer too (status 0), so adapters decide what it means instead of catching exceptions.
 */
@Component
public class OutboundHttp {

    /** A status and body; status 0 when nothing came back. */
    public record Reply(int status, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Nothing came back, or the other side was busy or broken: the same request may be tried again later. */
        public boolean inconclusive() {
            return status == 0 || status == 429 || status >= 500;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Reply exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, "interrupted");
        }
    }

    public static HttpRequest.Builder to(String url) {
        return HttpRequest.newBuilder(URI.create(url));
    }
}
