package org.kept.knowledge.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.UserView;
import org.kept.knowledge.Articles;
import org.kept.knowledge.Script;
import org.kept.knowledge.Scripts;
import org.kept.knowledge.internal.ChangeRequestDesk;
import org.kept.knowledge.internal.SynonymDesk;
import org.kept.knowledge.internal.SynonymGroup;
import org.kept.shared.CentreZone;
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

/**
 * The pages editors keep the knowledge base with: business change requests (业务变更), synonym groups and scripts (话术).
 * Any staff member reads them; writing needs KNOWLEDGE_WRITE. A refused write shows the page again with the reason.
 */
@Controller
class KnowledgeUpkeepPages {

    private static final List<String> CHANNELS = List.of("PHONE", "WRITTEN", "ANY");

    private final ChangeRequestDesk changes;
    private final SynonymDesk synonyms;
    private final Scripts scripts;
    private final Articles articles;
    private final Directory directory;
    private final Problems problems;
    private final Clock clock;
    private final CentreZone zone;

    KnowledgeUpkeepPages(ChangeRequestDesk changes, SynonymDesk synonyms, Scripts scripts, Articles articles, Directory directory,
                         Problems problems, Clock clock, CentreZone zone) {
        this.changes = changes;
        this.synonyms = synonyms;
        this.scripts = scripts;
        this.articles = articles;
        this.directory = directory;
        this.problems = problems;
        this.clock = clock;
        this.zone = zone;
    }

    /** An open request as the page shows it. */
    record ChangeRow(ChangeRequestDesk.Request request, boolean overdue) {
    }

    @GetMapping("/console/knowledge/changes")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String changes(@AuthenticationPrincipal CurrentUser me, Model model) {
        LocalDate today = LocalDate.now(clock.withZone(zone.zone()));
        model.addAttribute("requests", changes.open().stream()
                .map(r -> new ChangeRow(r, r.deadline().isBefore(today))).toList());
        model.addAttribute("people", directory.staff().stream()
                .collect(Collectors.toMap(UserView::id, UserView::displayName, (a, b) -> a, LinkedHashMap::new)));
        model.addAttribute("writer", me.can(Permission.KNOWLEDGE_WRITE));
        if (me.can(Permission.KNOWLEDGE_WRITE)) {
            model.addAttribute("articles", articles.list(me, false, 500));
        }
        model.addAttribute("today", today);
        return "knowledge/changes";
    }

    @PostMapping("/console/knowledge/changes")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    String openChange(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String product,
                      @RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "") String deadline,
                      @RequestParam(required = false) List<Long> articleIds, @RequestParam(defaultValue = "") String newTitles,
                      @RequestParam(required = false) Long ownerId, @AuthenticationPrincipal CurrentUser me, Model model,
                      HttpServletResponse response, Locale locale) {
        return write(() -> {
            List<ChangeRequestDesk.Item> items = new ArrayList<>();
            (articleIds == null ? List.<Long>of() : articleIds)
                    .forEach(a -> items.add(new ChangeRequestDesk.Item(null, a, null, null, false)));
            Arrays.stream(newTitles.split("\\R")).map(String::strip).filter(t -> !t.isEmpty())
                    .forEach(t -> items.add(new ChangeRequestDesk.Item(null, null, t, null, false)));
            changes.open(kind, product, description, ownerId == null ? me.id() : ownerId, date(deadline), items, me);
            return "redirect:/console/knowledge/changes";
        }, () -> changes(me, model), model, response, locale);
    }

    @PostMapping("/console/knowledge/changes/{id}/items/{item}/done")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    String itemDone(@PathVariable long id, @PathVariable long item, @AuthenticationPrincipal CurrentUser me, Model model,
                    HttpServletResponse response, Locale locale) {
        return write(() -> {
            changes.done(id, item, me);
            return "redirect:/console/knowledge/changes";
        }, () -> changes(me, model), model, response, locale);
    }

    @PostMapping("/console/knowledge/changes/{id}/close")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    String close(@PathVariable long id, @RequestParam(required = false) Integer version, @AuthenticationPrincipal CurrentUser me,
                 Model model, HttpServletResponse response, Locale locale) {
        return write(() -> {
            if (version == null) {
                throw KeptException.invalid("knowledge.version.required");
            }
            changes.close(id, version, me);
            return "redirect:/console/knowledge/changes";
        }, () -> changes(me, model), model, response, locale);
    }

    @GetMapping("/console/knowledge/synonyms")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String synonyms(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("groups", synonyms.all());
        model.addAttribute("writer", me.can(Permission.KNOWLEDGE_WRITE));
        return "knowledge/synonyms";
    }

    @PostMapping("/console/knowledge/synonyms")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    String saveSynonyms(@RequestParam(required = false) Long id, @RequestParam(defaultValue = "") String terms,
                        @AuthenticationPrincipal CurrentUser me, Model model, HttpServletResponse response, Locale locale) {
        return write(() -> {
            List<String> list = SynonymDesk.terms(terms);
            if (id == null) {
                synonyms.add(list, me);
            } else {
                synonyms.replace(id, list, me);
            }
            return "redirect:/console/knowledge/synonyms";
        }, () -> {
            model.addAttribute("terms", terms);
            return synonyms(me, model);
        }, model, response, locale);
    }

    @PostMapping("/console/knowledge/synonyms/{id}/delete")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    String deleteSynonyms(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model,
                          HttpServletResponse response, Locale locale) {
        return write(() -> {
            synonyms.delete(id, me);
            return "redirect:/console/knowledge/synonyms";
        }, () -> synonyms(me, model), model, response, locale);
    }

    @GetMapping("/console/knowledge/scripts")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String scripts(@RequestParam(required = false) Long edit, @AuthenticationPrincipal CurrentUser me, Model model) {
        Map<String, List<Script>> byChannel = new LinkedHashMap<>();
        CHANNELS.forEach(c -> byChannel.put(c, new ArrayList<>()));
        scripts.forChannel(null).forEach(s -> byChannel.computeIfAbsent(s.channel(), c -> new ArrayList<>()).add(s));
        model.addAttribute("byChannel", byChannel);
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("variables", Scripts.VARIABLES);
        model.addAttribute("writer", me.can(Permission.KNOWLEDGE_WRITE));
        if (!model.containsAttribute("form") && me.can(Permission.KNOWLEDGE_WRITE)) {
            model.addAttribute("form", edit == null ? ScriptForm.blank() : ScriptForm.of(scripts.get(edit)));
        }
        return "knowledge/scripts";
    }

    @PostMapping("/console/knowledge/scripts")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    String saveScript(ScriptForm form, @AuthenticationPrincipal CurrentUser me, Model model, HttpServletResponse response,
                      Locale locale) {
        return write(() -> {
            if (form.id() != null) {
                scripts.get(form.id());
            }
            scripts.save(form.id(), form.code(), form.name(), form.channel(), form.body(),
                    form.sortOrder() == null ? 100 : form.sortOrder(), me);
            return "redirect:/console/knowledge/scripts";
        }, () -> {
            model.addAttribute("form", form);
            return scripts(null, me, model);
        }, model, response, locale);
    }

    /** The script editor's form. */
    record ScriptForm(Long id, String code, String name, String channel, String body, Integer sortOrder) {

        static ScriptForm blank() {
            return new ScriptForm(null, "", "", "ANY", "", 100);
        }

        static ScriptForm of(Script s) {
            return new ScriptForm(s.id(), s.code(), s.name(), s.channel(), s.body(), s.sortOrder());
        }
    }

    /** Runs a write; if it is refused, shows the page again with the reason and the refusal's status. */
    private String write(Supplier<String> action, Supplier<String> page, Model model, HttpServletResponse response, Locale locale) {
        try {
            return action.get();
        } catch (KeptException e) {
            response.setStatus(e.status().value());
            model.addAttribute("alert", problems.sentence(e, locale));
            return page.get();
        }
    }

    private static LocalDate date(String text) {
        try {
            return text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw KeptException.invalid("knowledge.change.deadline");
        }
    }
}
