package org.kept.aftersales.internal;

import org.kept.shared.OutboundHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The centre's order system, when it offers a lookup API: {@code GET <base>/orders/<orderNo>} and
 * {@code GET <base>/orders?phone=<E.164>}, answering {@link OrderDocument}s, with the configured bearer token.
 * An unreachable order system is not an error for the agent: the orders Kept already has are shown.
 */
@Component
class OrderSystemClient {

    private static final Logger log = LoggerFactory.getLogger(OrderSystemClient.class);

    private final AftersalesSettings settings;
    private final OutboundHttp http;
    private final JsonMapper json;

    OrderSystemClient(AftersalesSettings settings, OutboundHttp http, JsonMapper json) {
        this.settings = settings;
        this.http = http;
        this.json = json;
    }

    boolean configured() {
        String base = settings.orderSystem().baseUrl();
        return base != null && !base.isBlank();
    }

    Optional<OrderDocument> byNumber(String orderNo) {
        if (!configured()) {
            return Optional.empty();
        }
        var reply = get("/orders/" + URLEncoder.encode(orderNo, StandardCharsets.UTF_8));
        if (reply.status() != 200) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(reply.body(), OrderDocument.class));
        } catch (RuntimeException e) {
            log.warn("order system: unreadable order {}: {}", orderNo, e.toString());
            return Optional.empty();
        }
    }

    List<OrderDocument> byPhone(String e164) {
        if (!configured() || e164 == null) {
            return List.of();
        }
        var reply = get("/orders?phone=" + URLEncoder.encode(e164, StandardCharsets.UTF_8));
        if (reply.status() != 200) {
            return List.of();
        }
        try {
            return json.readValue(reply.body(), new TypeReference<List<OrderDocument>>() { });
        } catch (RuntimeException e) {
            log.warn("order system: unreadable orders: {}", e.toString());
            return List.of();
        }
    }

    private OutboundHttp.Reply get(String path) {
        var os = settings.orderSystem();
        String base = os.baseUrl().endsWith("/") ? os.baseUrl().substring(0, os.baseUrl().length() - 1) : os.baseUrl();
        var request = OutboundHttp.to(base + path).header("Accept", "application/json").GET();
        if (os.token() != null && !os.token().isBlank()) {
            request.header("Authorization", "Bearer " + os.token());
        }
        var reply = http.exchange(request);
        if (reply.status() != 200 && reply.status() != 404) {
            log.warn("order system: {} answered {}", path, reply.status());
        }
        return reply;
    }
}
