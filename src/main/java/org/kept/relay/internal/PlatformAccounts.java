package org.kept.relay.internal;

import org.kept.shared.OutboundHttp;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kept.customer.PhoneNumbers;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's account API, a small configurable HTTP adapter (Bearer token, path templates): read a
 * counterparty's phone ({@code GET {account-path}} → {@code {"phone": ...}}), restrict the account
 * ({@code POST {restrict-path}} with reason, until and our case → {@code {"restrictionId": ...}}) and lift it
 * ({@code DELETE {lift-path}}). With no base URL, the demo centre's simulated platform answers inside Kept.
 */
@Component
public class PlatformAccounts {

    private final RelaySettings settings;
    private final OutboundHttp http;
    private final JsonMapper json;
    private final Map<String, String> simulatedRestrictions = new ConcurrentHashMap<>();

    PlatformAccounts(RelaySettings settings, OutboundHttp http, JsonMapper json) {
        this.settings = settings;
        this.http = http;
        this.json = json;
    }

    /** The platform refused or did not answer: nothing changed there. */
    static final class PlatformRefused extends RuntimeException {
        PlatformRefused(String message) {
            super(message);
        }
    }

    /** The account's phone (E.164), as the platform holds it. */
    Optional<String> phoneOf(String account) {
        var p = settings.platform();
        if (p.baseUrl().isBlank()) {
            // the simulated platform: a stable 170 number per account, never a real person's
            return Optional.of("+86170" + String.format("%08d", Math.floorMod(account.hashCode(), 100_000_000)));
        }
        var reply = http.exchange(authorized(OutboundHttp.to(p.baseUrl() + path(p.accountPath(), account, null))).GET());
        if (reply.status() == 404) {
            return Optional.empty();
        }
        JsonNode node = read(reply);
        return PhoneNumbers.parse(node.path("phone").asString(""));
    }

    /** Restricts the account; answers the platform's id of the restriction. */
    String restrict(String account, String reason, Instant until, String caseNumber) {
        var p = settings.platform();
        if (p.baseUrl().isBlank()) {
            String id = "SIMR-" + account + "-" + until.getEpochSecond();
            simulatedRestrictions.put(id, account);
            return id;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("until", until.toString());
        body.put("caseRef", caseNumber);
        var reply = http.exchange(authorized(OutboundHttp.to(p.baseUrl() + path(p.restrictPath(), account, null)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)));
        String id = read(reply).path("restrictionId").asString("");
        if (id.isEmpty()) {
            throw new PlatformRefused("platform: no restrictionId in the answer");
        }
        return id;
    }

    /** Lifts it; true when it is lifted (or the platform no longer has it), false to try again later. */
    boolean lift(String account, String restriction) {
        var p = settings.platform();
        if (p.baseUrl().isBlank()) {
            simulatedRestrictions.remove(restriction);
            return true;
        }
        var reply = http.exchange(authorized(OutboundHttp.to(p.baseUrl() + path(p.liftPath(), account, restriction))).DELETE());
        return reply.ok() || reply.status() == 404;
    }

    /** Whether the simulated platform holds this restriction (tests and the demo). */
    public boolean simulatedActive(String restriction) {
        return simulatedRestrictions.containsKey(restriction);
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        String token = settings.platform().token();
        request.header("Accept", "application/json");
        return token == null || token.isBlank() ? request : request.header("Authorization", "Bearer " + token);
    }

    private JsonNode read(OutboundHttp.Reply reply) {
        if (!reply.ok()) {
            throw new PlatformRefused("platform: HTTP " + reply.status());
        }
        try {
            return json.readTree(reply.body());
        } catch (RuntimeException e) {
            throw new PlatformRefused("platform: unreadable answer");
        }
    }

    private static String path(String template, String account, String restriction) {
        String p = template.replace("{account}", URLEncoder.encode(account, StandardCharsets.UTF_8));
        return restriction == null ? p : p.replace("{restriction}", URLEncoder.encode(restriction, StandardCharsets.UTF_8));
    }
}
