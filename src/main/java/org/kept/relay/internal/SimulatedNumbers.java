package org.kept.relay.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo centre's privacy-number provider, inside Kept: it hands out X numbers from a 170 pool, remembers which
 * bindings are live, and takes reports shaped {@code {"callId","subsId","direction","seconds","recordUrl"}} (the
 * hook token is their only check). {@link #live} lets tests and the demo see what the "provider" still holds.
 */
@Component
public class SimulatedNumbers implements NumberProvider {

    private final Map<String, String> live = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong(1000);
    private final JsonMapper json;
    private final Clock clock;

    SimulatedNumbers(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String code() {
        return "SIMULATED";
    }

    @Override
    public Bound bind(BindOrder order) {
        long n = next.incrementAndGet();
        String subs = "SIM-" + order.ticketId() + "-" + n;
        String x = "+8617000" + String.format("%06d", n % 1_000_000);
        live.put(subs, x);
        return new Bound(subs, x, "SIMPOOL");
    }

    @Override
    public boolean unbind(String subsId, String secretNo, String poolKey) {
        live.remove(subsId);
        return true;
    }

    /** Whether the simulated provider still holds this binding. */
    public boolean live(String subsId) {
        return live.containsKey(subsId);
    }

    @Override
    public Optional<List<CallReport>> reports(Map<String, String> headers, String body) {
        JsonNode r;
        try {
            r = json.readTree(body == null ? "" : body);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (r == null || r.path("callId").asString("").isEmpty() || r.path("subsId").asString("").isEmpty()) {
            return Optional.empty();
        }
        var end = clock.instant();
        var start = end.minusSeconds(r.path("seconds").asLong(0));
        return Optional.of(List.of(new CallReport(r.path("callId").asString(), r.path("subsId").asString(), null,
                r.path("direction").asString("A_TO_B"), start, start, end, null, r.path("recordUrl").asString(null))));
    }
}
