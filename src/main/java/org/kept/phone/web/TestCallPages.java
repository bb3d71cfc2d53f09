package org.kept.phone.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.kept.phone.CallRecord;
import org.kept.phone.internal.IntegrationStore;
import org.kept.phone.internal.PbxAuth;
import org.kept.shared.KeptException;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo without a PBX (测试呼叫): an administrator rings an agent from any number, answers and hangs up. Each step
 * is a signed event of the built-in integration {@code test-calls}, taken in by the same intake as the API's.
 */
@Controller
class TestCallPages {

    static final String INTEGRATION = "test-calls";

    private final CtiIntake intake;
    private final IntegrationStore integrations;
    private final JsonMapper json;
    private final Clock clock;
    private final MessageSource messages;

    TestCallPages(CtiIntake intake, IntegrationStore integrations, JsonMapper json, Clock clock, MessageSource messages) {
        this.intake = intake;
        this.integrations = integrations;
        this.json = json;
        this.clock = clock;
        this.messages = messages;
    }

    @GetMapping("/admin/test-call")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String form(@RequestParam(required = false) String callId, @RequestParam(defaultValue = "13800138000") String from,
                @RequestParam(defaultValue = "") String agent, @RequestParam(defaultValue = "hotline") String queue,
                Model model) {
        model.addAttribute("callId", callId == null || callId.isBlank() ? "test-" + UUID.randomUUID() : callId);
        model.addAttribute("from", from);
        model.addAttribute("agent", agent);
        model.addAttribute("queue", queue);
        return "phone/test-call";
    }

    @PostMapping("/admin/test-call")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String step(@RequestParam String action, @RequestParam String callId, @RequestParam String from,
                @RequestParam(defaultValue = "") String agent, @RequestParam(defaultValue = "") String queue,
                Locale locale, RedirectAttributes redirect) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", switch (action) {
            case "answer" -> "answer";
            case "hangup" -> "hangup";
            default -> "newCall";
        });
        event.put("callId", callId);
        event.put("from", from);
        event.put("to", "test");
        event.put("direction", "in");
        event.put("queue", queue.isBlank() ? null : queue);
        event.put("user", agent.isBlank() ? null : agent);
        event.put("timestamp", clock.instant().toString());
        if (action.equals("hangup")) {
            event.put("cause", "normalClearing");
            event.put("hangupBy", "caller");
        }
        byte[] body = json.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
        IntegrationStore.Integration pbx = integrations.named(INTEGRATION)
                .orElseGet(() -> integrations.create(INTEGRATION, clock.instant()));
        try {
            CallRecord call = intake.accept(body, pbx.name(), "sha256=" + PbxAuth.sign(pbx.secret(), body), null);
            redirect.addFlashAttribute("notice", messages.getMessage("phone.test.done", new Object[] {call.state()}, locale));
        } catch (KeptException e) {
            redirect.addFlashAttribute("alert", messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale));
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/admin/test-call").queryParam("callId", callId)
                .queryParam("from", from).queryParam("agent", agent).queryParam("queue", queue).encode().build().toUriString();
    }
}
