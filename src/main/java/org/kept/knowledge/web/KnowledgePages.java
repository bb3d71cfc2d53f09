package org.kept.knowledge.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.kept.knowledge.ArticleDraft;
import org.kept.knowledge.ArticleView;
import java.util.Map;
import java.util.stream.Collectors;
import org.kept.knowledge.Answers;
import org.kept.knowledge.Articles;
import org.kept.knowledge.Audience;
import org.kept.knowledge.KnowledgeSearch;
import org.kept.knowledge.SearchQuery;
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
 * The console's knowledge pages: search as you type, an article with its stale warning, and for authors the editor,
 * the versions with their diff and rollback. The portal's help pages show public articles only.
 */
@Controller
class KnowledgePages {

    static final int RESULTS = 10;

    private final Articles articles;
    private final KnowledgeSearch search;
    private final Problems problems;
    private final Answers answers;

    KnowledgePages(Articles articles, KnowledgeSearch search, Problems problems, Answers answers) {
        this.answers = answers;
        this.articles = articles;
        this.search = search;
        this.problems = problems;
    }

    @GetMapping("/console/knowledge")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String index(@RequestParam(defaultValue = "") String q, @AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("hits", hits(q, me));
        model.addAttribute("stale", articles.list(me, true, 50));
        model.addAttribute("writer", me.can(Permission.KNOWLEDGE_WRITE));
        return "knowledge/index";
    }

    /** Results as the agent types; {@code pick} adds "use in reply" buttons for the ticket page. */
    @GetMapping("/console/knowledge/results")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String results(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "false") boolean pick,
                   @AuthenticationPrincipal CurrentUser me, Model model) {
        List<HitRow> hits = hits(q, me);
        if (pick) {
            // the ticket page inserts the whole answer, never the snippet, and shows internal guidance beside the reply
            Map<Long, Answers.Answer> whole = answers.answers(hits.stream().map(HitRow::id).toList(), me).stream()
                    .collect(Collectors.toMap(Answers.Answer::articleId, a -> a));
            hits = hits.stream().filter(h -> whole.containsKey(h.id())).map(h -> h.with(whole.get(h.id()))).toList();
        }
        model.addAttribute("hits", hits);
        model.addAttribute("pick", pick);
        model.addAttribute("q", q);
        return "knowledge/results :: results";
    }

    private List<HitRow> hits(String q, CurrentUser me) {
        return q.isBlank() ? List.of() : search.search(SearchQuery.of(q, RESULTS), me).stream().map(HitRow::of).toList();
    }

    @GetMapping("/console/knowledge/articles/{id}")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String article(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
        ArticleView a = articles.get(id, me);
        model.addAttribute("article", a);
        model.addAttribute("html", articles.html(a.body()));
        model.addAttribute("writer", me.can(Permission.KNOWLEDGE_WRITE));
        return "knowledge/article";
    }

    @GetMapping("/console/knowledge/articles/new")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    String create(Model model) {
        model.addAttribute("form", ArticleForm.blank());
        return "knowledge/edit";
    }

    @GetMapping("/console/knowledge/articles/{id}/edit")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    String edit(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("form", ArticleForm.of(articles.get(id, me)));
        return "knowledge/edit";
    }

    @PostMapping("/console/knowledge/articles")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    String save(ArticleForm form, @AuthenticationPrincipal CurrentUser me, Model model, HttpServletResponse response,
                java.util.Locale locale) {
        try {
            ArticleDraft draft = form.draft(me.id());
            long id = form.id() == null ? articles.create(draft, me, form.idempotencyKey()).article().id()
                    : articles.update(form.id(), draft, form.version() == null ? -1 : form.version(), me).id();
            return "redirect:/console/knowledge/articles/" + id;
        } catch (KeptException e) {
            response.setStatus(e.status().value());
            model.addAttribute("form", form);
            model.addAttribute("alert", problems.sentence(e, locale));
            return "knowledge/edit";
        }
    }

    @GetMapping("/console/knowledge/articles/{id}/versions")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String versions(@PathVariable long id, @RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to,
                    @AuthenticationPrincipal CurrentUser me, Model model) {
        ArticleView a = articles.get(id, me);
        var versions = articles.versions(id, me);
        int newest = a.version();
        int older = from == null ? Math.max(1, newest - 1) : from;
        int newer = to == null ? newest : to;
        model.addAttribute("article", a);
        List<org.kept.knowledge.ArticleVersion> newestFirst = new java.util.ArrayList<>(versions);
        java.util.Collections.reverse(newestFirst);
        model.addAttribute("versions", newestFirst);
        model.addAttribute("from", older);
        model.addAttribute("to", newer);
        model.addAttribute("diff", articles.diff(id, older, newer, me));
        model.addAttribute("writer", me.can(Permission.KNOWLEDGE_WRITE));
        return "knowledge/versions";
    }

    @PostMapping("/console/knowledge/articles/{id}/rollback")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    String rollback(@PathVariable long id, @RequestParam int toVersion, @RequestParam int version,
                    @RequestParam(defaultValue = "") String reason, @AuthenticationPrincipal CurrentUser me) {
        articles.rollback(id, toVersion, version, reason, me);
        return "redirect:/console/knowledge/articles/" + id + "/versions";
    }

    @GetMapping("/portal/help")
    @PreAuthorize("hasAnyAuthority('PORTAL', 'TICKET_READ')")
    String help(@RequestParam(defaultValue = "") String q, @AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("q", q);
        // the portal shows public articles to everyone, staff included, so what an agent sees here is what customers see
        model.addAttribute("hits", q.isBlank() ? List.of() : search.search(new SearchQuery(q, Audience.PUBLIC, null, false,
                RESULTS), me).stream().filter(h -> h.audience() == Audience.PUBLIC).map(HitRow::of).toList());
        return "portal/help";
    }

    @GetMapping("/portal/help/{id}")
    @PreAuthorize("hasAnyAuthority('PORTAL', 'TICKET_READ')")
    String helpArticle(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
        ArticleView a = articles.get(id, me);
        if (a.audience() != Audience.PUBLIC) {
            throw KeptException.notFound("article", id);
        }
        model.addAttribute("article", a);
        model.addAttribute("html", articles.html(a.body()));
        return "portal/help-article";
    }

    /** The editor's form. */
    record ArticleForm(Long id, Integer version, Long ownerId, String title, String body, String categories, String tags, Audience audience,
                       LocalDate reviewBy, String reason, String idempotencyKey) {

        static ArticleForm blank() {
            return new ArticleForm(null, null, null, "", "", "", "", Audience.INTERNAL, null, "", java.util.UUID.randomUUID().toString());
        }

        static ArticleForm of(ArticleView a) {
            return new ArticleForm(a.id(), a.version(), a.ownerId(), a.title(), a.body(), String.join(", ", a.categories()),
                    String.join(", ", a.tags()), a.audience(), a.reviewBy(), "", null);
        }

        ArticleDraft draft(long me) {
            return new ArticleDraft(title, body, list(categories), list(tags), audience, ownerId == null ? me : ownerId, reviewBy,
                    reason);
        }

        private static List<String> list(String text) {
            return text == null ? List.of() : Arrays.stream(text.split("[,，]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }
}
