package org.kept.sms.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.kept.customer.PhoneNumbers;
import org.kept.identity.CurrentUser;
import org.kept.shared.CentreZone;
import org.kept.shared.Flash;
import org.kept.shared.Masking;
import org.kept.sms.Sms;
import org.kept.sms.internal.SmsMessage;
import org.kept.sms.internal.SmsQueries;
import org.kept.sms.internal.SmsSettings;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the demo centre's SMS without a provider: the messages the built-in outbox provider kept (what would have
 * been sent), a test message, and a customer's reply "from" any number, posted to the real reply URL in Aliyun's
 * shape so it takes the path a provider's push takes. Numbers are masked for roles without personal-data rights.
 */
@Controller
class SmsDemoPages {

    private static final int SHOWN = 100;
    private static final DateTimeFormatter ALIYUN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One row of the page, already masked for the reader. */
    record Row(String at, String provider, String to, String template, String body, String state, String providerId,
               String error) {
    }

    private final Sms sms;
    private final SmsQueries queries;
    private final SmsSettings settings;
    private final CentreZone zone;
    private final Environment environment;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();

    SmsDemoPages(Sms sms, SmsQueries queries, SmsSettings settings, CentreZone zone, Environment environment,
                 MessageSource messages, JsonMapper json, Clock clock) {
        this.sms = sms;
        this.queries = queries;
        this.settings = settings;
        this.zone = zone;
        this.environment = environment;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/admin/sms")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String page(@AuthenticationPrincipal CurrentUser me, Model model) {
        ZoneId z = zone.zone();
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(z);
        boolean plain = me.seesPersonalData();
        List<Row> rows = queries.latest(SHOWN).stream().map(m -> row(m, plain, f)).toList();
        model.addAttribute("messages", rows);
        model.addAttribute("provider", settings.provider());
        model.addAttribute("shown", SHOWN);
        return "admin/sms";
    }

    @PostMapping("/admin/sms/messages")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String send(@RequestParam String to, @RequestParam String text, Locale locale, RedirectAttributes redirect) {
        if (PhoneNumbers.parse(to).isEmpty() || text.isBlank()) {
            Flash.alert(redirect, messages.getMessage("sms.demo.badInput", null, locale));
            return "redirect:/admin/sms";
        }
        sms.send(new Sms.SmsRequest(to, "TEST", Map.of("text", cut(text.strip(), 200)), null, null));
        Flash.notice(redirect, messages.getMessage("sms.demo.queued", null, locale));
        return "redirect:/admin/sms";
    }

    @PostMapping("/admin/sms/replies")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String reply(@RequestParam String from, @RequestParam String text, HttpServletRequest request, Locale locale,
                 RedirectAttributes redirect) {
        var number = PhoneNumbers.parse(from);
        if (number.isEmpty() || text.isBlank()) {
            Flash.alert(redirect, messages.getMessage("sms.demo.badInput", null, locale));
            return "redirect:/admin/sms";
        }
        String push = json.writeValueAsString(List.of(Map.of(
                "phone_number", number.get().startsWith("+86") ? number.get().substring(3) : number.get(),
                "content", cut(text.strip(), 500),
                "send_time", ALIYUN_TIME.format(clock.instant().atZone(ZoneId.of("Asia/Shanghai"))),
                "sign_name", "", "dest_code", "",
                "sequence_id", "demo-" + UUID.randomUUID())));
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        URI hook = URI.create("http://127.0.0.1:" + port + request.getContextPath() + "/api/v1/hooks/sms/"
                + settings.callbackToken() + "/aliyun/replies");
        boolean ok;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(hook).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(push)).build(), HttpResponse.BodyHandlers.ofString());
            ok = answer.statusCode() == 200;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        if (ok) {
            Flash.notice(redirect, messages.getMessage("sms.demo.replied", null, locale));
        } else {
            Flash.alert(redirect, messages.getMessage("sms.demo.replyFailed", null, locale));
        }
        return "redirect:/admin/sms";
    }

    private static Row row(SmsMessage m, boolean plain, DateTimeFormatter f) {
        return new Row(f.format(m.createdAt()), m.provider(), plain ? m.toE164() : Masking.phone(m.toE164()),
                m.templateCode(), plain ? m.body() : Masking.inText(m.body()), m.state(), m.providerId(),
                m.error() == null || plain ? m.error() : Masking.inText(m.error()));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
