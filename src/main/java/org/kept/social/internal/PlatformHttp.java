package org.kept.social.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.kept.contact.OutboundSender;
import org.springframework.stereotype.Component;

/** HTTP to the platforms: a timeout, a busy or broken platform (429, 5xx) or a lost connection is worth a retry. */
@Component
class PlatformHttp {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    String get(String url, String what) throws OutboundSender.Retry {
        return exchange(HttpRequest.newBuilder(URI.create(url)).GET(), what);
    }

    String post(String url, String contentType, String body, String what) throws OutboundSender.Retry {
        return exchange(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), what);
    }

    private String exchange(HttpRequest.Builder request, String what) throws OutboundSender.Retry {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OutboundSender.Retry(what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboundSender.Retry(what + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            String body = response.body() == null ? "" : response.body();
            throw new OutboundSender.Retry(what + ": HTTP " + status + " " + (body.length() > 200 ? body.substring(0, 200) : body), null);
        }
        return response.body();
    }
}
