package org.kept.workforce.web;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.UserView;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.kept.workforce.internal.HandoverStore;
import org.kept.workforce.internal.HandoverDesk;
import org.kept.workforce.internal.HandoverReading;
import org.kept.workforce.internal.HandoverPreview;
import org.kept.workforce.internal.RosterDesk;
import org.kept.shared.Flash;
import org.kept.shared.PageRefusals;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Handover pages: the sheets one may see (searchable), drafting one's own, naming new owners, signing. */
@Controller
class HandoverPages {

    private final HandoverDesk handovers;
    private final RosterDesk rosters;
    private final Directory directory;
    private final CentreZone zone;
    private final MessageSource messages;
    private final PageRefusals refusals;

    HandoverPages(HandoverDesk handovers, RosterDesk rosters, Directory directory, CentreZone zone,
                  MessageSource messages, PageRefusals refusals) {
        this.handovers = handovers;
        this.rosters = rosters;
        this.directory = directory;
        this.zone = zone;
        this.messages = messages;
        this.refusals = refusals;
    }

    @GetMapping("/console/handovers")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    String list(@RequestParam(required = false) String q, @AuthenticationPrincipal CurrentUser me, Model model) {
        List<HandoverStore.Sheet> sheets = handovers.search(me, q);
        Set<Long> people = new HashSet<>();
        sheets.forEach(s -> {
            people.add(s.outgoingId());
            if (s.incomingId() != null) {
                people.add(s.incomingId());
            }
        });
        model.addAttribute("sheets", sheets.stream().map(s -> HandoverReading.sheet(s, me)).toList());
        model.addAttribute("names", rosters.names(people));
        model.addAttribute("q", q);
        model.addAttribute("colleagues", colleagues(me));
        model.addAttribute("zone", zone.zone());
        model.addAttribute("teams", directory.teams());
        return "workforce/handovers";
    }

    @PostMapping("/console/handovers")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    String draft(@RequestParam(required = false) Long incomingId, @AuthenticationPrincipal CurrentUser me,
                 RedirectAttributes redirect, Locale locale) {
        try {
            return "redirect:/console/handovers/" + handovers.draft(me, incomingId);
        } catch (KeptException e) {
            redirect.addFlashAttribute(Flash.ALERT, message(e, locale));
            return "redirect:/console/handovers";
        }
    }

    @GetMapping("/console/handovers/{id}")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    String sheet(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
        HandoverStore.Sheet stored = handovers.visible(id, me);
        HandoverStore.Sheet sheet = HandoverReading.sheet(stored, me);
        List<HandoverStore.Item> items = HandoverReading.items(stored, handovers.items(id), me);
        Set<Long> people = new HashSet<>();
        people.add(sheet.outgoingId());
        if (sheet.incomingId() != null) {
            people.add(sheet.incomingId());
        }
        items.stream().filter(i -> i.newOwnerId() != null).forEach(i -> people.add(i.newOwnerId()));
        Map<Long, String> names = rosters.names(people);
        model.addAttribute("sheet", sheet);
        model.addAttribute("items", items);
        model.addAttribute("textsHidden", !HandoverReading.readsTexts(stored, me));
        model.addAttribute("tickets", handovers.ticketsOn(items));
        model.addAttribute("seesPersonalData", me.seesPersonalData());
        model.addAttribute("names", names);
        model.addAttribute("colleagues", colleagues(me));
        model.addAttribute("isOutgoing", sheet.outgoingId() == me.id());
        model.addAttribute("zone", zone.zone());
        return "workforce/handover";
    }

    @PostMapping("/console/handovers/{id}/items/{itemId}")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    String owner(@PathVariable long id, @PathVariable long itemId, @RequestParam(required = false) Long newOwnerId,
                 @AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect, Locale locale) {
        try {
            handovers.visible(id, me);
            handovers.assignItem(id, itemId, newOwnerId, me);
        } catch (KeptException e) {
            redirect.addFlashAttribute(Flash.ALERT, message(e, locale));
        }
        return "redirect:/console/handovers/" + id;
    }

    /** Several rows to one colleague (or the team queue) at once. */
    @PostMapping("/console/handovers/{id}/items")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    String owners(@PathVariable long id, @RequestParam(name = "itemId", required = false) List<Long> itemIds,
                  @RequestParam(required = false) Long newOwnerId, @AuthenticationPrincipal CurrentUser me,
                  RedirectAttributes redirect, Locale locale) {
        try {
            handovers.visible(id, me);
            handovers.assignItems(id, itemIds, newOwnerId, me);
        } catch (KeptException e) {
            redirect.addFlashAttribute(Flash.ALERT, message(e, locale));
        }
        return "redirect:/console/handovers/" + id;
    }

    /**
     * Before the outgoing agent signs: where every ticket goes (per new owner and to the team queue), P1 complaints,
     * promises moving with them, and the signature with a confirmation.
     */
    @GetMapping("/console/handovers/{id}/preview")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    String preview(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
        HandoverStore.Sheet sheet = handovers.visible(id, me);
        HandoverPreview preview = handovers.preview(id);
        Map<Long, String> names = rosters.names(new HashSet<>(preview.perOwner().keySet()));
        Map<Long, String> teams = new java.util.HashMap<>();
        directory.teams().forEach(t -> teams.put(t.id(), t.name()));
        model.addAttribute("sheet", sheet);
        model.addAttribute("preview", preview);
        model.addAttribute("names", names);
        model.addAttribute("teamNames", teams);
        model.addAttribute("isOutgoing", sheet.outgoingId() == me.id());
        return "workforce/handover-preview";
    }

    @PostMapping("/console/handovers/{id}/sign")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    String sign(@PathVariable long id, @RequestParam int version, @RequestParam(required = false) String notes,
                @RequestParam(defaultValue = "false") boolean confirmed,
                @AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect, Locale locale) {
        try {
            HandoverStore.Sheet sheet = handovers.visible(id, me);
            if (sheet.state().equals("DRAFT")) {
                if (!confirmed) {
                    // the page signs only after the preview was seen and confirmed
                    redirect.addFlashAttribute(Flash.ALERT, messages.getMessage("workforce.handover.confirmRequired", null, locale));
                    return "redirect:/console/handovers/" + id + "/preview";
                }
                handovers.signOutgoing(id, version, notes, me);
            } else {
                handovers.signIncoming(id, version, notes, me);
            }
        } catch (KeptException e) {
            redirect.addFlashAttribute(Flash.ALERT, message(e, locale));
        }
        return "redirect:/console/handovers/" + id;
    }

    /** A business notice (a product going live or offline) for the sheets of a team or of everyone. */
    @PostMapping("/console/handovers/notices")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    String notice(@RequestParam String title, @RequestParam String body, @RequestParam String kind,
                  @RequestParam(required = false) Long teamId,
                  @RequestParam @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE_TIME) java.time.LocalDateTime effectiveAt,
                  @AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect, Locale locale) {
        try {
            handovers.addNotice(title, body, kind, teamId, effectiveAt.atZone(zone.zone()).toInstant(), null, me);
            Flash.notice(redirect, messages.getMessage("workforce.notice.saved", null, locale));
        } catch (KeptException refused) {
            redirect.addFlashAttribute(Flash.ALERT, refusals.sentence(refused, locale));
        }
        return "redirect:/console/handovers";
    }

    private List<UserView> colleagues(CurrentUser me) {
        return me.teamId() == null ? List.of()
                : directory.staff().stream().filter(u -> me.teamId().equals(u.teamId()) && u.id() != me.id()).toList();
    }

    private String message(KeptException e, Locale locale) {
        return refusals.sentence(e, locale);
    }
}
