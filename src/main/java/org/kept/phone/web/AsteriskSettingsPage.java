package org.kept.phone.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.phone.PhoneAudited;
import org.kept.phone.internal.AmiLine;
import org.kept.phone.internal.AsteriskSettingsStore;
import org.kept.phone.internal.IntegrationStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Asterisk AMI connection (管理接口连接), for administrators: host, port, user, secret (written, never shown back),
 * on or off, and the integration its calls belong to; saved in the phone module's {@code phone_asterisk_settings} and
 * taken without a restart. The page shows the connection's live state on this instance.
 */
@Controller
class AsteriskSettingsPage {

    /** What the form posts; {@code secret} blank keeps the stored one. */
    record Form(boolean enabled, String host, String port, String username, String secret, String integration) {
    }

    private final AmiLine line;
    private final AsteriskSettingsStore store;
    private final IntegrationStore integrations;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final MessageSource messages;
    private final Clock clock;

    AsteriskSettingsPage(AmiLine line, AsteriskSettingsStore store, IntegrationStore integrations,
                         ApplicationEventPublisher events, TransactionTemplate tx, MessageSource messages, Clock clock) {
        this.line = line;
        this.store = store;
        this.integrations = integrations;
        this.events = events;
        this.tx = tx;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/admin/asterisk")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String page(Model model) {
        AmiLine.Shown shown = line.shown();
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new Form(shown.enabled(), shown.host(), String.valueOf(shown.port()),
                    shown.username(), "", shown.integration()));
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("shown", shown);
        model.addAttribute("live", line.live());
        model.addAttribute("integrations", integrations.all().stream().map(IntegrationStore.Integration::name).toList());
        return "phone/asterisk";
    }

    @PostMapping("/admin/asterisk")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String save(@RequestParam(defaultValue = "false") boolean enabled, @RequestParam(defaultValue = "") String host,
                @RequestParam(defaultValue = "") String port, @RequestParam(defaultValue = "") String username,
                @RequestParam(defaultValue = "") String secret, @RequestParam(defaultValue = "") String integration,
                @AuthenticationPrincipal CurrentUser me, Locale locale, Model model, RedirectAttributes redirect) {
        Form form = new Form(enabled, host.strip(), port.strip(), username.strip(), "", integration.strip());
        AmiLine.Shown before = line.shown();
        Map<String, String> errors = new LinkedHashMap<>();
        if (form.host().isEmpty() || form.host().length() > 255 || !form.host().matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            errors.put("host", messages.getMessage("phone.ami.error.host", null, locale));
        }
        int portNumber = 0;
        try {
            portNumber = Integer.parseInt(form.port());
        } catch (NumberFormatException e) {
            portNumber = 0;
        }
        if (portNumber < 1 || portNumber > 65535) {
            errors.put("port", messages.getMessage("phone.ami.error.port", null, locale));
        }
        if (form.username().isEmpty() || form.username().length() > 100 || form.username().matches(".*[\\s\\r\\n].*")) {
            errors.put("username", messages.getMessage("phone.ami.error.username", null, locale));
        }
        boolean hasSecret = !secret.isEmpty() || (!before.fromProperties() && before.secretSet());
        if (secret.length() > 200 || (enabled && !hasSecret)) {
            errors.put("secret", messages.getMessage("phone.ami.error.secret", null, locale));
        }
        if (form.integration().isEmpty() || form.integration().length() > 100) {
            errors.put("integration", messages.getMessage("phone.ami.error.integration", null, locale));
        }
        if (!errors.isEmpty()) {
            model.addAttribute("form", form);
            model.addAttribute("errors", errors);
            model.addAttribute("alert", messages.getMessage("phone.ami.invalid", null, locale));
            return page(model);
        }
        int saved = portNumber;
        tx.executeWithoutResult(status -> {
            store.save(enabled, form.host(), saved, form.username(), secret.isEmpty() ? null : secret, form.integration(),
                    clock.instant(), me.username());
            events.publishEvent(new PhoneAudited(me.username(), "phone.asterisk.settings", "phone:asterisk",
                    "enabled " + before.enabled() + " -> " + enabled + ", " + before.host() + ":" + before.port() + " -> "
                            + form.host() + ":" + saved + ", user " + before.username() + " -> " + form.username()
                            + ", integration " + before.integration() + " -> " + form.integration()
                            + (secret.isEmpty() ? ", secret kept" : ", secret changed")));
        });
        line.reload();
        redirect.addFlashAttribute("notice", messages.getMessage("phone.ami.saved", null, locale));
        return "redirect:/admin/asterisk";
    }
}
