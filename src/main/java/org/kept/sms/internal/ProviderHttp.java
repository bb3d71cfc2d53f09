package org.kept.sms.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.kept.contact.OutboundSender;
import org.springframework.stereotype.Component;

/** HTTP to the providers: a timeout, a busy or broken provider (429, 5xx) or a lost connection is worth a retry. */
@Component
class ProviderHttp {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The response body of a 2xx or 4xx answer (providers put their error codes in it). */
    String exchange(HttpRequest.Builder request, String what) throws OutboundSender.Retry {
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
            throw new OutboundSender.Retry(what + ": HTTP " + status + " " + cut(response.body()), null);
        }
        return response.body();
    }

    static HttpRequest.Builder post(String url) {
        return HttpRequest.newBuilder(URI.create(url));
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) : s;
    }
}
