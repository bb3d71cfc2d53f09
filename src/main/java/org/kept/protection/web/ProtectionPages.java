package org.kept.protection.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.UserView;
import org.kept.protection.Restrictions;
import org.kept.protection.internal.FlagDesk;
import org.kept.protection.internal.Records;
import org.kept.protection.internal.RestrictionDesk;
import org.kept.shared.CentreZone;
import org.kept.shared.Flash;
import org.kept.shared.KeptException;
import org.kept.shared.Problems;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The protection console (坐席保护): the agent's exposure and recovery, marking a contact with the levels and what
 * each allows, warn and end, asking for a restriction; for leads the pending restrictions, appeals and agents over
 * the day's threshold.
 */
@Controller
class ProtectionPages {

    private static final String PAGE = "redirect:/console/protection";

    private final FlagDesk flags;
    private final RestrictionDesk restrictions;
    private final Problems problems;
    private final Directory directory;
    private final CentreZone zone;
    private final Clock clock;

    ProtectionPages(FlagDesk flags, RestrictionDesk restrictions, Problems problems, Directory directory, CentreZone zone,
                    Clock clock) {
        this.directory = directory;
        this.flags = flags;
        this.restrictions = restrictions;
        this.problems = problems;
        this.zone = zone;
        this.clock = clock;
    }

    @GetMapping("/console/protection")
    @PreAuthorize("hasAnyAuthority('PROTECTION_FLAG', 'PROTECTION_APPROVE')")
    String page(@RequestParam(required = false) Long contact, @AuthenticationPrincipal CurrentUser me, Model model) {
        Instant now = clock.instant();
        model.addAttribute("contact", contact);
        model.addAttribute("levels", flags.levels());
        model.addAttribute("exposure", flags.exposure(me.id()));
        model.addAttribute("recovering", flags.recoveryUntil(me.id(), now).isPresent());
        model.addAttribute("myFlags", flags.ofAgent(me.id(), 20).stream().map(ProtectionJson::of).toList());
        Map<String, Records.Level> levelByCode = new LinkedHashMap<>();
        flags.levels().forEach(l -> levelByCode.put(l.code(), l));
        model.addAttribute("levelByCode", levelByCode);
        model.addAttribute("kinds", Restrictions.IdentityKind.values());
        model.addAttribute("maxDays", restrictions.maxDays());
        model.addAttribute("actions", List.of(Restrictions.Action.WARN_FIRST, Restrictions.Action.HARASSMENT_QUEUE,
                Restrictions.Action.IVR_THEN_WRITTEN, Restrictions.Action.REJECT));
        model.addAttribute("restrictions", restrictions.list(100).stream()
                .map(r -> ProtectionJson.of(r, restrictions.evidence(r.id()), now)).toList());
        boolean lead = me.can(Permission.PROTECTION_APPROVE);
        model.addAttribute("lead", lead);
        if (lead) {
            model.addAttribute("appeals", restrictions.appeals(true).stream().map(ProtectionJson::of).toList());
            List<Records.Exposure> over = flags.overThreshold(me);
            model.addAttribute("overThreshold", over);
            List<Records.Exposure> week = flags.exposedThisWeek(me);
            model.addAttribute("exposedThisWeek", week);
            Map<Long, String> names = new LinkedHashMap<>();
            java.util.stream.Stream.concat(over.stream(), week.stream()).forEach(x -> names.putIfAbsent(x.userId(),
                    directory.user(x.userId()).map(UserView::displayName).orElse("#" + x.userId())));
            model.addAttribute("agentNames", names);
        }
        model.addAttribute("warningScript", flags.warningScript().map(s -> s.body()).orElse(null));
        return "protection/console";
    }

    /** Runs a change and comes back to the page with its notice, or its refusal in the reader's words. */
    private String run(Runnable change, String notice, Locale locale, RedirectAttributes redirect) {
        try {
            change.run();
            Flash.notice(redirect, problems.message(notice, locale));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return PAGE;
    }

    @PostMapping("/console/protection/flags")
    @PreAuthorize("hasAuthority('PROTECTION_FLAG')")
    String flag(@RequestParam(required = false) Long contactId, @RequestParam(required = false) String level,
                @RequestParam(required = false) String note, @AuthenticationPrincipal CurrentUser me, Locale locale,
                RedirectAttributes redirect) {
        return run(() -> {
            if (contactId == null) {
                throw KeptException.invalid("protection.contact.required");
            }
            flags.flag(contactId, level, note, me);
        }, "protection.flagged", locale, redirect);
    }

    @PostMapping("/console/protection/flags/{id}/warn")
    @PreAuthorize("hasAuthority('PROTECTION_FLAG')")
    String warn(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        return run(() -> flags.warn(id, me), "protection.warned", locale, redirect);
    }

    @PostMapping("/console/protection/flags/{id}/end")
    @PreAuthorize("hasAuthority('PROTECTION_FLAG')")
    String end(@PathVariable long id, @RequestParam(required = false) String reason, @AuthenticationPrincipal CurrentUser me,
               Locale locale, RedirectAttributes redirect) {
        return run(() -> flags.end(id, reason, me), "protection.ended", locale, redirect);
    }

    @PostMapping("/console/protection/restrictions")
    @PreAuthorize("hasAuthority('PROTECTION_FLAG')")
    String request(@RequestParam(required = false) Restrictions.IdentityKind kind, @RequestParam(required = false) String value,
                   @RequestParam(required = false) Restrictions.Action action, @RequestParam(required = false) String reason,
                   @RequestParam(required = false) String flagIds, @RequestParam(required = false) String expiresOn,
                   @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        return run(() -> restrictions.request(new RestrictionDesk.Request(kind, value, action, reason, ids(flagIds),
                endOf(expiresOn)), me), "protection.requested", locale, redirect);
    }

    @PostMapping("/console/protection/restrictions/{id}/decision")
    @PreAuthorize("hasAuthority('PROTECTION_APPROVE')")
    String decide(@PathVariable long id, @RequestParam boolean approve, @RequestParam(required = false) String note,
                  @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        return run(() -> restrictions.decide(id, approve, note, me), approve ? "protection.approved" : "protection.refused",
                locale, redirect);
    }

    @PostMapping("/console/protection/appeals/{id}/decision")
    @PreAuthorize("hasAuthority('PROTECTION_APPROVE')")
    String decideAppeal(@PathVariable long id, @RequestParam boolean lift, @RequestParam(required = false) String note,
                        @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        return run(() -> restrictions.decideAppeal(id, lift, note, me), "protection.appealDecided", locale, redirect);
    }

    @PostMapping("/console/protection/agents/{id}/written-only")
    @PreAuthorize("hasAuthority('PROTECTION_APPROVE')")
    String writtenOnly(@PathVariable long id, @RequestParam boolean on, @AuthenticationPrincipal CurrentUser me,
                       Locale locale, RedirectAttributes redirect) {
        return run(() -> flags.writtenOnly(id, on, me), "protection.channelsChanged", locale, redirect);
    }

    private static List<Long> ids(String text) {
        List<Long> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split("[,，\\s]+")) {
            if (!part.isBlank()) {
                try {
                    out.add(Long.parseLong(part.strip()));
                } catch (NumberFormatException e) {
                    throw KeptException.invalid("protection.evidence.unknown");
                }
            }
        }
        return out;
    }

    /** The end of the chosen day in the centre's zone: a restriction lasts through its last day. */
    private Instant endOf(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date).plusDays(1).atStartOfDay(zone.zone()).toInstant().minusSeconds(1);
        } catch (DateTimeParseException e) {
            throw KeptException.invalid("protection.expiry.required");
        }
    }
}
