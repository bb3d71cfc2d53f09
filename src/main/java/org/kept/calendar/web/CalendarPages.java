package org.kept.calendar.web;

import org.kept.shared.Flash;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.kept.calendar.BusinessCalendar;
import org.kept.calendar.internal.CalendarDesk;
import org.kept.calendar.CalendarDefinition;
import org.kept.identity.CurrentUser;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.kept.shared.Problems;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' calendar pages: the list, and one form to create or edit with a live preview of the next
 * deadlines (htmx), so the effect of a change is seen before it is saved.
 */
@Controller
@PreAuthorize("hasAuthority('SLA_ADMIN')")
class CalendarPages {

    /** What the preview shows: minutes of working time from now. */
    private static final long[] PREVIEW_MINUTES = {60, 4 * 60, 8 * 60};

    private final CalendarDesk book;
    private final Problems problems;
    private final Clock clock;
    private final CentreZone centre;

    CalendarPages(CalendarDesk book, Problems problems, Clock clock, CentreZone centre) {
        this.book = book;
        this.problems = problems;
        this.clock = clock;
        this.centre = centre;
    }

    /** One line of the preview: what was added and when it falls due, in the calendar's zone. */
    record Deadline(String label, String due) {
    }

    @GetMapping("/admin/calendars")
    String list(Model model) {
        model.addAttribute("calendars", book.list().stream().map(CalendarJson::of).toList());
        return "calendar/list";
    }

    @GetMapping("/admin/calendars/new")
    String create(Model model, Locale locale) {
        CalendarForm form = CalendarForm.blank(centre.zone().getId());
        form.setFormKey(UUID.randomUUID().toString());
        return form(model, form, null, null, locale);
    }

    @GetMapping("/admin/calendars/{id}")
    String edit(@PathVariable long id, Model model, Locale locale) {
        return form(model, CalendarForm.of(book.get(id)), id, null, locale);
    }

    @PostMapping("/admin/calendars")
    String save(@ModelAttribute("form") CalendarForm form, @AuthenticationPrincipal CurrentUser me, Model model,
                Locale locale, RedirectAttributes redirect) {
        try {
            book.create(form.definition(), me, form.getFormKey());
        } catch (KeptException e) {
            return form(model, form, null, problems.sentence(e, locale), locale);
        }
        Flash.notice(redirect, problems.message("calendar.page.saved", locale, form.getName()));
        return "redirect:/admin/calendars";
    }

    @PostMapping("/admin/calendars/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") CalendarForm form, @AuthenticationPrincipal CurrentUser me,
                  Model model, Locale locale, RedirectAttributes redirect) {
        try {
            if (form.getVersion() == null) {
                throw KeptException.invalid("calendar.version");
            }
            book.update(id, form.definition(), form.getVersion(), me);
        } catch (KeptException e) {
            return form(model, form, id, problems.sentence(e, locale), locale);
        }
        Flash.notice(redirect, problems.message("calendar.page.saved", locale, form.getName()));
        return "redirect:/admin/calendars";
    }

    /** The deadlines the form's calendar would give from now, or why it cannot give any. */
    @PostMapping("/admin/calendars/preview")
    String preview(@ModelAttribute("form") CalendarForm form, Model model, Locale locale) {
        preview(model, form, locale);
        return "calendar/form :: preview";
    }

    private String form(Model model, CalendarForm form, Long id, String error, Locale locale) {
        model.addAttribute("form", form);
        model.addAttribute("calendarId", id);
        model.addAttribute("error", error);
        model.addAttribute("days", DayOfWeek.values());
        preview(model, form, locale);
        return "calendar/form";
    }

    private void preview(Model model, CalendarForm form, Locale locale) {
        List<Deadline> deadlines = new ArrayList<>();
        try {
            CalendarDefinition definition = form.definition();
            BusinessCalendar calendar = book.preview(definition);
            Instant now = clock.instant();
            DateTimeFormatter format = DateTimeFormatter.ofPattern(locale.getLanguage().equals("zh")
                    ? "yyyy-MM-dd EEE HH:mm" : "EEE d MMM yyyy HH:mm", locale).withZone(calendar.timeZone());
            deadlines.add(new Deadline(problems.message("calendar.page.now", locale), format.format(now)));
            for (long minutes : PREVIEW_MINUTES) {
                deadlines.add(new Deadline(problems.message("calendar.page.plusHours", locale, minutes / 60),
                        format.format(calendar.addMinutes(now, minutes))));
            }
            deadlines.add(new Deadline(problems.message("calendar.page.plusDays", locale, 3),
                    format.format(calendar.addMinutes(now, 3 * workingDayMinutes(definition)))));
            model.addAttribute("previewError", null);
        } catch (KeptException e) {
            model.addAttribute("previewError", problems.sentence(e, locale));
        }
        model.addAttribute("deadlines", deadlines);
        model.addAttribute("zoneShown", form.getTimeZone());
    }

    /** A working day's minutes: the average over the weekdays that have hours (24 h for 24×7). */
    static long workingDayMinutes(CalendarDefinition definition) {
        if (definition.roundTheClock()) {
            return 24 * 60;
        }
        long days = definition.weeklyHours().stream().map(CalendarDefinition.Period::day).distinct().count();
        long minutes = definition.weeklyHours().stream().mapToLong(p -> p.toMinute() - p.fromMinute()).sum();
        return Math.max(1, minutes / days);
    }
}
