package org.kept.authority.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.kept.authority.internal.ActionKind;
import org.kept.authority.internal.AuthorityReport;
import org.kept.authority.internal.ExceptionRequest;
import org.kept.authority.internal.Grant;
import org.kept.authority.internal.GrantDesk;
import org.kept.authority.internal.Limit;
import org.kept.authority.internal.LimitDesk;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.ReportScope;
import org.kept.identity.UserView;
import org.kept.shared.Flash;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.kept.shared.Money;
import org.kept.shared.Problems;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.Tickets;
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
 * The ticket's grant form (loaded into its "authority" tab), the approver's inbox and decision page, the limits page
 * and the report of amounts granted. Free text is masked for roles without PII_VIEW.
 */
@Controller
class AuthorityPages {

    private final GrantDesk desk;
    private final LimitDesk limits;
    private final AuthorityReport report;
    private final Tickets tickets;
    private final Directory directory;
    private final IdempotentRequests idempotency;
    private final Problems problems;

    AuthorityPages(GrantDesk desk, LimitDesk limits, AuthorityReport report, Tickets tickets, Directory directory,
                   IdempotentRequests idempotency, Problems problems) {
        this.desk = desk;
        this.limits = limits;
        this.report = report;
        this.tickets = tickets;
        this.directory = directory;
        this.idempotency = idempotency;
        this.problems = problems;
    }

    /** A request as a page shows it: the ticket, who asked, the action's name, free text masked per the reader. */
    record RequestRow(ExceptionRequest r, String ticketNumber, String ticketSubject, String requester, String action,
                      String reason, String evidence, String endNote, boolean mayDecide, List<StepRow> steps) {
    }

    record StepRow(ExceptionRequest.Step step, String name, String comment) {
    }

    record GrantRow(Grant g, String agent, String action, String reason) {
    }

    record LimitRow(Limit limit, String holder, String action, String today) {
    }

    @GetMapping("/console/tickets/{id}/authority")
    @PreAuthorize("hasAuthority('AUTHORITY_GRANT')")
    String panel(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        var ticket = tickets.get(id);
        Map<String, String> names = actionNames(locale);
        List<LimitRow> mine = new ArrayList<>();
        for (Limit l : limits.effectiveAll(me.id(), me.role())) {
            if (names.containsKey(l.action())) {
                var totals = desk.totals(me.id(), ticket.customerId(), l.action(), l.currency());
                mine.add(new LimitRow(l, null, names.get(l.action()), Money.of(totals.agentToday(), l.currency()).decimal()));
            }
        }
        model.addAttribute("ticketId", id);
        model.addAttribute("actions", limits.actions().stream().filter(ActionKind::active).toList());
        model.addAttribute("limits", mine);
        model.addAttribute("grants", desk.grantsOfTicket(id).stream().map(g -> grantRow(g, names, me)).toList());
        model.addAttribute("requests", desk.requestsOfTicket(id).stream().map(r -> row(r, null, names, me, locale)).toList());
        model.addAttribute("formKey", UUID.randomUUID().toString());
        return "authority/panel :: panel";
    }

    @PostMapping("/console/tickets/{id}/authority")
    @PreAuthorize("hasAuthority('AUTHORITY_GRANT')")
    String grant(@PathVariable long id, @RequestParam(required = false) String action,
                 @RequestParam(required = false) String amount, @RequestParam(required = false) String currency,
                 @RequestParam(required = false) String reason, @RequestParam(required = false) String evidence,
                 @RequestParam(required = false) String formKey, @AuthenticationPrincipal CurrentUser me, Locale locale,
                 RedirectAttributes redirect) {
        try {
            Money money = AuthorityApi.money(amount == null ? "" : amount, currency);
            var form = new GrantDesk.GrantForm(action, money, reason, evidence);
            long outcome = idempotency.once(me.id(), formKey, "authority.grant.page", id + "|" + action + "|" + amount + "|"
                    + currency + "|" + reason + "|" + evidence, () -> {
                var o = desk.grantOrRequest(id, form, me);
                return o.grant() != null ? o.grant().id() : -o.request().id();
            }).id();
            Flash.notice(redirect, problems.message(outcome > 0 ? "authority.granted" : "authority.requested", locale,
                    money.toString()));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
            redirect.addFlashAttribute("authorityForm", Map.of("action", String.valueOf(action), "amount",
                    String.valueOf(amount == null ? "" : amount), "reason", reason == null ? "" : reason,
                    "evidence", evidence == null ? "" : evidence));
        }
        redirect.addFlashAttribute("tab", "authority");
        return "redirect:/console/tickets/" + id;
    }

    @PostMapping("/console/authority/requests/{id}/withdraw")
    @PreAuthorize("hasAuthority('AUTHORITY_GRANT')")
    String withdraw(@PathVariable long id, @RequestParam(required = false) String reason,
                    @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        ExceptionRequest r = desk.request(id);
        try {
            desk.withdraw(id, reason, me);
            Flash.notice(redirect, problems.message("authority.withdrawn", locale));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        redirect.addFlashAttribute("tab", "authority");
        return "redirect:/console/tickets/" + r.ticketId();
    }

    @GetMapping("/console/approvals")
    @PreAuthorize("hasAuthority('AUTHORITY_APPROVE')")
    String approvals(@AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        List<ExceptionRequest> waiting = desk.waitingFor(me);
        Map<Long, TicketSummary> summaries = tickets.summaries(waiting.stream().map(ExceptionRequest::ticketId).toList());
        Map<String, String> names = actionNames(locale);
        model.addAttribute("requests", waiting.stream().map(r -> row(r, summaries.get(r.ticketId()), names, me, locale)).toList());
        return "authority/approvals";
    }

    @GetMapping("/console/approvals/{id}")
    @PreAuthorize("hasAuthority('AUTHORITY_APPROVE')")
    String approval(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        ExceptionRequest r = desk.request(id);
        if (!GrantDesk.maySee(r, me)) {
            throw KeptException.forbidden("authority.notYours");
        }
        Map<Long, TicketSummary> summaries = tickets.summaries(List.of(r.ticketId()));
        model.addAttribute("req", row(r, summaries.get(r.ticketId()), actionNames(locale), me, locale));
        model.addAttribute("formKey", UUID.randomUUID().toString());
        return "authority/approval";
    }

    @PostMapping("/console/approvals/{id}")
    @PreAuthorize("hasAuthority('AUTHORITY_APPROVE')")
    String decide(@PathVariable long id, @RequestParam(required = false) GrantDesk.Decision decision,
                  @RequestParam(required = false) String comment, @RequestParam(required = false) String formKey,
                  @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        try {
            idempotency.once(me.id(), formKey, "authority.decide.page", id + "|" + decision + "|" + comment,
                    () -> desk.decide(id, decision, comment, me).id());
            Flash.notice(redirect, problems.message("authority.decided." + decision, locale));
            return "redirect:/console/approvals";
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
            return "redirect:/console/approvals/" + id;
        }
    }

    @GetMapping("/admin/authority")
    @PreAuthorize("hasAuthority('AUTHORITY_ADMIN')")
    String admin(Locale locale, Model model) {
        Map<String, String> names = actionNames(locale);
        model.addAttribute("limits", limits.limits().stream().map(l -> new LimitRow(l, holder(l), names.getOrDefault(l.action(),
                l.action()), null)).toList());
        model.addAttribute("actions", limits.actions());
        model.addAttribute("ladder", limits.ladder());
        model.addAttribute("decisionHours", desk.decisionTime().toMinutes() / 60.0);
        return "authority/admin";
    }

    @PostMapping("/admin/authority/limits")
    @PreAuthorize("hasAuthority('AUTHORITY_ADMIN')")
    String saveLimit(@RequestParam(required = false) String holder, @RequestParam(required = false) String action,
                     @RequestParam(required = false) String currency, @RequestParam(required = false) String perCase,
                     @RequestParam(required = false) String perDay, @RequestParam(required = false) String perCustomer30d,
                     @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        try {
            String cur = currency == null || currency.isBlank() ? "CNY" : currency.strip();
            String who = holder == null ? "" : holder.strip();
            // a role is its code in capitals (LEAD); anything else names one person by user name
            Long userId = null;
            String role = null;
            if (who.matches("[A-Z][A-Z_]*")) {
                role = who;
            } else if (!who.isEmpty()) {
                userId = directory.userNamed(who).map(UserView::id)
                        .orElseThrow(() -> KeptException.invalid("authority.limit.holder"));
            }
            limits.save(new LimitDesk.LimitForm(role, userId, action, cur, minor(perCase, cur), minorOrNull(perDay, cur),
                    minorOrNull(perCustomer30d, cur)), me);
            Flash.notice(redirect, problems.message("authority.limit.saved", locale));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/admin/authority";
    }

    @PostMapping("/admin/authority/limits/{id}/delete")
    @PreAuthorize("hasAuthority('AUTHORITY_ADMIN')")
    String deleteLimit(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Locale locale,
                       RedirectAttributes redirect) {
        limits.delete(id, me);
        Flash.notice(redirect, problems.message("authority.limit.deleted", locale));
        return "redirect:/admin/authority";
    }

    @GetMapping("/console/reports/authority")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    String reportPage(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      @RequestParam(required = false) Long team, @AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("r", report.report(from, to, ReportScope.of(me, team), me));
        return "authority/report";
    }

    private static Long minor(String amount, String currency) {
        if (amount == null || amount.isBlank()) {
            throw KeptException.invalid("authority.limit.amounts");
        }
        try {
            return Money.parse(amount, currency).minor();
        } catch (IllegalArgumentException e) {
            throw KeptException.invalid("authority.limit.amounts");
        }
    }

    private static Long minorOrNull(String amount, String currency) {
        return amount == null || amount.isBlank() ? null : minor(amount, currency);
    }

    private String holder(Limit l) {
        if (!l.personal()) {
            return l.holder().substring(5);
        }
        long id = Long.parseLong(l.holder().substring(5));
        return directory.user(id).map(u -> u.displayName() + " (" + u.username() + ")").orElse("#" + id);
    }

    private Map<String, String> actionNames(Locale locale) {
        Map<String, String> names = new LinkedHashMap<>();
        limits.actions().forEach(a -> names.put(a.code(), a.name(locale)));
        return names;
    }

    private GrantRow grantRow(Grant g, Map<String, String> names, CurrentUser me) {
        return new GrantRow(g, directory.user(g.agentId()).map(UserView::displayName).orElse("#" + g.agentId()),
                names.getOrDefault(g.action(), g.action()), masked(g.reason(), me));
    }

    private RequestRow row(ExceptionRequest r, TicketSummary t, Map<String, String> names, CurrentUser me, Locale locale) {
        boolean may = r.pending() && r.requesterId() != me.id() && GrantDesk.mayDecide(r.current(), me);
        return new RequestRow(r, t == null ? null : t.number(), t == null ? null : masked(t.subject(), me),
                directory.user(r.requesterId()).map(UserView::displayName).orElse("#" + r.requesterId()),
                names.getOrDefault(r.action(), r.action()), masked(r.reason(), me), masked(r.evidence(), me),
                masked(r.endNote(), me), may, r.chain().stream().map(s -> new StepRow(s, s.name(locale), masked(s.comment(), me))).toList());
    }

    private static String masked(String text, CurrentUser me) {
        return text == null || me.seesPersonalData() ? text : Masking.inText(text);
    }
}
