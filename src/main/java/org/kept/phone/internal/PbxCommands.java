package org.kept.phone.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kept.identity.Directory;
import org.kept.identity.UserView;
import org.kept.phone.CallControl;
import org.kept.phone.PhoneAudited;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends call commands to the PBX that carries the call: through a direct line (the Asterisk adapter's AMI) when one
 * serves the call's integration, else to the integration's command URL over HTTP (a JSON body signed like the events
 * the PBX sends us: {@code X-Kept-Signature: sha256=} HMAC of the body with the integration's secret); a PBX with
 * neither takes no commands. Every command is recorded on the call with its outcome.
 */
@Service
class PbxCommands implements CallControl {

    private static final Logger log = LoggerFactory.getLogger(PbxCommands.class);
    static final String END_FOR_ABUSE = "endForAbuse";
    static final String PAUSE_AGENT = "pauseAgent";
    static final String UNPAUSE_AGENT = "unpauseAgent";

    private final CallStore calls;
    private final IntegrationStore integrations;
    private final ObjectProvider<PbxLine> lines;
    private final JsonMapper json;
    private final Clock clock;
    private final Directory directory;
    private final ApplicationEventPublisher events;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PbxCommands(CallStore calls, IntegrationStore integrations, ObjectProvider<PbxLine> lines, JsonMapper json, Clock clock,
                Directory directory, ApplicationEventPublisher events) {
        this.calls = calls;
        this.integrations = integrations;
        this.lines = lines;
        this.json = json;
        this.clock = clock;
        this.directory = directory;
        this.events = events;
    }

    /** In a transaction of its own, for the audit row: the caller is an after-commit listener. */
    @Override
    @org.springframework.transaction.annotation.Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public List<Outcome> agentCalls(long agentId, boolean paused, String reason) {
        UserView agent = directory.user(agentId).orElse(null);
        if (agent == null) {
            return List.of();
        }
        String command = paused ? PAUSE_AGENT : UNPAUSE_AGENT;
        List<Outcome> outcomes = new ArrayList<>();
        StringBuilder audit = new StringBuilder(command);
        for (IntegrationStore.Integration pbx : integrations.all()) {
            if (!pbx.enabled()) {
                continue;
            }
            Optional<String> url = integrations.commandUrl(pbx.id());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("command", command);
            body.put("user", agent.username());
            body.put("agentNo", agent.agentNo());
            body.put("reason", reason);
            // an AMI line pauses queue members by their device, which Kept does not know: such a PBX is told by URL or not at all
            Outcome outcome = url.isEmpty() ? new Outcome("UNSUPPORTED", "none", "the PBX takes no commands")
                    : post(pbx, url.get(), body, command, agent.username());
            outcomes.add(outcome);
            audit.append("; ").append(pbx.name()).append(": ").append(outcome.status()).append(' ').append(outcome.detail());
        }
        events.publishEvent(new PhoneAudited("system", "phone.agent." + command, "user:" + agent.username(), audit.toString()));
        return outcomes;
    }

    /** In a transaction of its own: the caller is usually an after-commit listener whose transaction has ended. */
    @Override
    @org.springframework.transaction.annotation.Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public Optional<Outcome> endForAbuse(long contactId, String reason) {
        return calls.ofContact(contactId).map(call -> {
            Outcome outcome = "ENDED".equals(call.state()) ? new Outcome("SKIPPED", "none", "the call had ended")
                    : send(call);
            calls.command(call.row(), END_FOR_ABUSE, reason, outcome.via(), outcome.status(), outcome.detail(), clock.instant());
            return outcome;
        });
    }

    private Outcome send(CallStore.OfContact call) {
        Optional<PbxLine> line = lines.orderedStream().filter(l -> l.serves(call.integrationId())).findFirst();
        if (line.isPresent()) {
            PbxLine.Sent sent = line.get().endForAbuse(call.callId());
            return new Outcome(sent.ok() ? "SENT" : "FAILED", sent.via(), sent.detail());
        }
        Optional<String> url = integrations.commandUrl(call.integrationId());
        if (url.isEmpty()) {
            return new Outcome("UNSUPPORTED", "none", "the PBX takes no commands");
        }
        IntegrationStore.Integration pbx = integrations.byId(call.integrationId()).orElseThrow();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("command", "playPromptAndHangup");
        body.put("prompt", "abuse");
        body.put("callId", call.callId());
        return post(pbx, url.get(), body, END_FOR_ABUSE, call.callId());
    }

    /** Sends a command signed like the events the PBX sends us; any answer but 2xx, or none, is FAILED. */
    private Outcome post(IntegrationStore.Integration pbx, String url, Map<String, Object> body, String command, String about) {
        byte[] raw = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").header("X-Kept-Integration", pbx.name())
                    .header("X-Kept-Signature", "sha256=" + PbxAuth.sign(pbx.secret(), raw))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofString());
            boolean ok = r.statusCode() / 100 == 2;
            return new Outcome(ok ? "SENT" : "FAILED", "http", "HTTP " + r.statusCode());
        } catch (java.io.IOException | IllegalArgumentException e) {
            log.warn("PBX command {} for {} not delivered: {}", command, about, e.toString());
            return new Outcome("FAILED", "http", e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("FAILED", "http", "interrupted");
        }
    }
}
