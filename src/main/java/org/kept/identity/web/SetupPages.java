package org.kept.identity.web;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.kept.identity.internal.FirstStart;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.kept.shared.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The setup page behind the one-time link (设置向导): open to anyone holding the link while the centre has no
 * administrator; a 404 for any other token and a 410 once it was used. Everything else needs a signed-in person.
 */
@Controller
class SetupPages {

    /** Which input a refusal is about, by its message key; anything else shows above the form. */
    private static final Map<String, String> FIELD_OF = Map.ofEntries(
            Map.entry("error.user.username", "username"), Map.entry("error.user.exists", "username"),
            Map.entry("error.user.displayName", "displayName"), Map.entry("error.password.invalid", "password"),
            Map.entry("error.setup.passwordAgain", "passwordAgain"), Map.entry("error.centre.name", "centreName"),
            Map.entry("error.centre.zone", "timeZone"), Map.entry("error.team.invalid", "teamCode"),
            Map.entry("error.team.exists", "teamCode"));
    private static final TreeSet<String> ZONES = new TreeSet<>(ZoneId.getAvailableZoneIds());

    private final FirstStart firstStart;
    private final Problems problems;
    private final CentreZone zone;

    SetupPages(FirstStart firstStart, Problems problems, CentreZone zone) {
        this.firstStart = firstStart;
        this.problems = problems;
        this.zone = zone;
    }

    @GetMapping("/setup")
    String form(@RequestParam(required = false) String token, Model model) {
        checkOpen(token);
        return page(model, token, new FirstStart.Setup(null, null, null, null, null, zone.zone().getId(), null, null), Map.of());
    }

    @PostMapping("/setup")
    String complete(@RequestParam(required = false) String token, @ModelAttribute FirstStart.Setup form, Locale locale,
                    Model model) {
        checkOpen(token);
        try {
            firstStart.complete(token, form);
        } catch (KeptException refused) {
            if (refused.status() == HttpStatus.GONE) {
                throw refused;
            }
            return page(model, token, form, Map.of(FIELD_OF.getOrDefault(refused.messageKey(), FormErrors.FORM),
                    problems.sentence(refused, locale)));
        }
        return "redirect:/login?setup";
    }

    private void checkOpen(String token) {
        switch (firstStart.link(token)) {
            case UNKNOWN -> throw new KeptException(HttpStatus.NOT_FOUND, "error.setup.unknown");
            case USED -> throw new KeptException(HttpStatus.GONE, "error.setup.used");
            case OPEN -> { }
        }
    }

    private String page(Model model, String token, FirstStart.Setup form, Map<String, String> errors) {
        model.addAttribute("token", token);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("zones", ZONES);
        return "setup";
    }
}
