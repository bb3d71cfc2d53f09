package org.kept.workforce.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.kept.workforce.ShiftView;
import org.kept.workforce.internal.RosterDesk;
import org.kept.workforce.internal.RosterStore;
import org.kept.workforce.internal.roster.Coverage;
import org.kept.shared.Flash;
import org.kept.shared.PageRefusals;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** Roster pages: list and create, one roster (progress while solving, coverage chart, shifts, publish), my shifts. */
@Controller
class RosterPages {

    private final RosterDesk rosters;
    private final org.kept.workforce.internal.TeamSkillDesk teamSkills;
    private final Directory directory;
    private final CentreZone zone;
    private final JsonMapper json;
    private final MessageSource messages;
    private final PageRefusals refusals;

    RosterPages(RosterDesk rosters, org.kept.workforce.internal.TeamSkillDesk teamSkills, Directory directory, CentreZone zone,
                JsonMapper json, MessageSource messages, PageRefusals refusals) {
        this.rosters = rosters;
        this.teamSkills = teamSkills;
        this.directory = directory;
        this.zone = zone;
        this.json = json;
        this.messages = messages;
        this.refusals = refusals;
    }

    @GetMapping("/console/workforce/rosters")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    String list(Model model, Locale locale) {
        List<RosterStore.RosterRow> latest = rosters.latest(50);
        model.addAttribute("rosters", latest);
        Map<Long, String> scores = new LinkedHashMap<>();
        latest.forEach(r -> scores.put(r.id(), ScoreInWords.brief(r.score(), messages, locale)));
        model.addAttribute("scores", scores);
        model.addAttribute("teams", directory.teams());
        model.addAttribute("nextMonday", nextMonday());
        Map<Long, java.util.Set<org.kept.workforce.Skill>> skills = new LinkedHashMap<>();
        directory.teams().forEach(t -> skills.put(t.id(), teamSkills.of(t.id())));
        model.addAttribute("teamSkills", skills);
        model.addAttribute("skills", org.kept.workforce.Skill.values());
        return "workforce/rosters";
    }

    /** A team's default skills, from the roster page. */
    @PostMapping("/console/workforce/teams/{teamId}/skills")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    String teamSkills(@PathVariable long teamId, @RequestParam(required = false) List<org.kept.workforce.Skill> skill,
                      @AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect, Locale locale) {
        try {
            teamSkills.replace(teamId, skill == null ? null : new java.util.HashSet<>(skill), me);
            Flash.notice(redirect, messages.getMessage("admin.saved", null, locale));
        } catch (KeptException e) {
            Flash.alert(redirect, refusals.sentence(e, locale));
        }
        return "redirect:/console/workforce/rosters#team-skills";
    }

    @PostMapping("/console/workforce/rosters")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    String create(@RequestParam String name, @RequestParam(required = false) Long teamId,
                  @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startsOn,
                  @RequestParam(defaultValue = "28") int days, @RequestParam(defaultValue = "30") int seconds,
                  @RequestParam(required = false) Integer minRestHours, @RequestParam(defaultValue = "0") double shrinkage,
                  @AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect, Locale locale) {
        try {
            long id = rosters.create(name, teamId, startsOn, days, null, null,
                    org.kept.workforce.internal.roster.RosterRules.of(minRestHours, null, null, null), shrinkage, me.id());
            rosters.solve(id, seconds);
            return "redirect:/console/workforce/rosters/" + id;
        } catch (KeptException e) {
            redirect.addFlashAttribute(Flash.ALERT, refusals.sentence(e, locale));
            return "redirect:/console/workforce/rosters";
        }
    }

    @GetMapping("/console/workforce/rosters/{id}")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    String roster(@PathVariable long id, @RequestParam(required = false) String confirm, Model model, Locale locale) {
        RosterStore.RosterRow roster = rosters.get(id);
        model.addAttribute("roster", roster);
        model.addAttribute("scoreWords", ScoreInWords.of(roster.score(), messages, locale));
        model.addAttribute("replaces", rosters.replaces(id).orElse(null));
        model.addAttribute("newestVersion", rosters.newestVersionOf(id).orElse(null));
        if (roster.state() == org.kept.workforce.RosterState.SOLVING) {
            return "workforce/roster";
        }
        Coverage coverage = rosters.coverage(roster);
        int[] required = coverage.requirement().total();
        int[] scheduled = coverage.total();
        List<String> labels = new ArrayList<>();
        Instant origin = rosters.origin(roster);
        List<Integer> under = new ArrayList<>();
        for (int i = 0; i < required.length; i++) {
            labels.add(origin.plus(Duration.ofMinutes(30L * i)).atZone(zone.zone()).toLocalDateTime().toString().replace('T', ' '));
            if (coverage.under(i)) {
                under.add(i);
            }
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", labels);
        chart.put("required", required);
        chart.put("scheduled", scheduled);
        model.addAttribute("chart", json.writeValueAsString(chart));
        model.addAttribute("shareMet", coverage.shareMet());
        model.addAttribute("shortfall", 1 - coverage.shareMet());
        // a short roster is published only after the planner has seen what is missing and said so
        model.addAttribute("confirmPublish", "publish".equals(confirm) && roster.state() == org.kept.workforce.RosterState.SOLVED
                && coverage.shareMet() < 1);
        model.addAttribute("underCount", under.size());
        model.addAttribute("underLabels", under.stream().limit(200).map(labels::get).toList());
        model.addAttribute("callBacks", rosters.callBacks(roster));
        // the grid: one row per person, one column per day
        Map<Long, String> names = rosters.names(rosters.members(id).keySet());
        Map<String, Map<LocalDate, ShiftCell>> grid = new TreeMap<>();
        for (ShiftView s : rosters.shifts(id)) {
            LocalDate day = s.startsAt().atZone(zone.zone()).toLocalDate();
            grid.computeIfAbsent(names.getOrDefault(s.userId(), "#" + s.userId()), n -> new TreeMap<>())
                    .put(day, ShiftCell.of(s.shiftType(), s.skill(), messages, locale));
        }
        model.addAttribute("legend", ShiftCell.legend(messages, locale));
        List<LocalDate> days = new ArrayList<>();
        for (int d = 0; d < roster.days(); d++) {
            days.add(roster.startsOn().plusDays(d));
        }
        model.addAttribute("days", days);
        model.addAttribute("grid", grid);
        model.addAttribute("zone", zone.zone());
        return "workforce/roster";
    }

    @PostMapping("/console/workforce/rosters/{id}/publish")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    String publish(@PathVariable long id, @RequestParam(defaultValue = "false") boolean shortfallAccepted,
                   @AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect, Locale locale) {
        try {
            RosterStore.RosterRow roster = rosters.get(id);
            if (!shortfallAccepted && roster.state() == org.kept.workforce.RosterState.SOLVED
                    && rosters.coverage(roster).shareMet() < 1) {
                return "redirect:/console/workforce/rosters/" + id + "?confirm=publish#publish-confirm";
            }
            rosters.publish(id, me.username());
            Flash.notice(redirect, messages.getMessage(rosters.replaces(id).isPresent() ? "workforce.roster.published.replacing"
                    : "workforce.roster.published", null, locale));
        } catch (KeptException e) {
            redirect.addFlashAttribute(Flash.ALERT, refusals.sentence(e, locale));
        }
        return "redirect:/console/workforce/rosters/" + id;
    }

    /** A new version of a published roster, solved at once; the published one stays until the new one is published. */
    @PostMapping("/console/workforce/rosters/{id}/versions")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    String newVersion(@PathVariable long id, @RequestParam(defaultValue = "30") int seconds,
                      @AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect, Locale locale) {
        try {
            long version = rosters.newVersion(id, me.username(), me.id());
            rosters.solve(version, seconds);
            return "redirect:/console/workforce/rosters/" + version;
        } catch (KeptException e) {
            redirect.addFlashAttribute(Flash.ALERT, refusals.sentence(e, locale));
            return "redirect:/console/workforce/rosters/" + id;
        }
    }

    @PostMapping("/console/workforce/rosters/{id}/solve")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    String solve(@PathVariable long id, @RequestParam(defaultValue = "30") int seconds, RedirectAttributes redirect,
                 Locale locale) {
        try {
            rosters.solve(id, seconds);
        } catch (KeptException e) {
            redirect.addFlashAttribute(Flash.ALERT, refusals.sentence(e, locale));
        }
        return "redirect:/console/workforce/rosters/" + id;
    }

    @GetMapping("/console/my-shifts")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    String myShifts(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @AuthenticationPrincipal CurrentUser me, Model model) {
        Instant start = from == null ? rosters.now().minus(Duration.ofDays(1)) : rosters.startOf(from);
        model.addAttribute("shifts", rosters.publishedShifts(me.id(), start, start.plus(Duration.ofDays(29))));
        model.addAttribute("availability", rosters.availabilityOf(me.id(), LocalDate.now(zone.zone())));
        model.addAttribute("zone", zone.zone());
        return "workforce/my-shifts";
    }

    @PostMapping("/console/my-shifts/availability")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    String availability(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
                        @RequestParam(required = false) String kind, @RequestParam(required = false) String shiftType,
                        @AuthenticationPrincipal CurrentUser me) {
        rosters.setAvailability(me.id(), day, kind == null || kind.isBlank() ? null : kind, shiftType);
        return "redirect:/console/my-shifts";
    }

    private LocalDate nextMonday() {
        LocalDate d = LocalDate.now(zone.zone()).plusDays(1);
        while (d.getDayOfWeek() != java.time.DayOfWeek.MONDAY) {
            d = d.plusDays(1);
        }
        return d;
    }
}
