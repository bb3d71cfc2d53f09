package org.kept.social.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.Flash;
import org.kept.shared.KeptException;
import org.kept.social.internal.SocialDesk;
import org.kept.ticket.Channel;
import org.kept.ticket.Tickets;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reply-window panel on the ticket page, the social-media team's @mentions page (微博提及) and the accounts
 * administration page (社交账号).
 */
@Controller
class SocialPages {

    private final SocialDesk desk;
    private final Tickets tickets;
    private final Directory directory;
    private final MessageSource messages;

    SocialPages(SocialDesk desk, Tickets tickets, Directory directory, MessageSource messages) {
        this.desk = desk;
        this.tickets = tickets;
        this.directory = directory;
        this.messages = messages;
    }

    /** Loaded into the ticket page: until when the platform takes a reply; nothing for other tickets. */
    @GetMapping("/console/tickets/{id}/social-window")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    String window(@PathVariable long id, Model model) {
        tickets.get(id);
        model.addAttribute("window", desk.window(id).orElse(null));
        return "social/window :: window";
    }

    @GetMapping("/console/social/mentions")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String mentions(@RequestParam(defaultValue = "false") boolean open, @AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("mentions", desk.mentions(me, open));
        model.addAttribute("openOnly", open);
        return "social/mentions";
    }

    @PostMapping("/console/social/mentions/{id}/answer")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String answer(@PathVariable long id, @RequestParam(defaultValue = "") String text, @AuthenticationPrincipal CurrentUser me,
                  Locale locale, RedirectAttributes redirect) {
        try {
            desk.answerMention(id, text, me);
            Flash.notice(redirect, messages.getMessage("social.mention.answered", null, locale));
        } catch (KeptException refused) {
            Flash.alert(redirect, messages.getMessage(refused.messageKey(), refused.args(), locale));
        }
        return "redirect:/console/social/mentions";
    }

    @PostMapping("/console/social/mentions/{id}/ticket")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String ticket(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        try {
            return "redirect:/console/tickets/" + desk.mentionToTicket(id, me).id();
        } catch (KeptException refused) {
            Flash.alert(redirect, messages.getMessage(refused.messageKey(), refused.args(), locale));
            return "redirect:/console/social/mentions";
        }
    }

    /** The account form as typed. */
    record Form(String code, Channel platform, String name, String appId, String appSecret, String token, String aesKey,
                String accessToken, Long teamId, String category, Boolean enabled) {

        SocialDesk.AccountForm toDesk() {
            return new SocialDesk.AccountForm(code, platform, name, appId, appSecret, token, aesKey, accessToken, teamId,
                    category, enabled, null);
        }
    }

    @GetMapping("/admin/social")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String accounts(Model model) {
        return page(model, new Form(null, Channel.WECHAT, null, null, null, null, null, null, null, null, true), null);
    }

    @PostMapping("/admin/social")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String add(@ModelAttribute Form form, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model,
               RedirectAttributes redirect, HttpServletResponse response) {
        try {
            desk.addAccount(form.toDesk(), me);
        } catch (KeptException refused) {
            response.setStatus(400);
            return page(model, form, messages.getMessage(refused.messageKey(), refused.args(), locale));
        }
        Flash.notice(redirect, messages.getMessage("admin.saved", null, locale));
        return "redirect:/admin/social";
    }

    @PostMapping("/admin/social/{id}")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String change(@PathVariable long id, @ModelAttribute Form form, @AuthenticationPrincipal CurrentUser me, Locale locale,
                  RedirectAttributes redirect) {
        try {
            desk.changeAccount(id, form.toDesk(), me);
            Flash.notice(redirect, messages.getMessage("admin.saved", null, locale));
        } catch (KeptException refused) {
            Flash.alert(redirect, messages.getMessage(refused.messageKey(), refused.args(), locale));
        }
        return "redirect:/admin/social";
    }

    private String page(Model model, Form form, String error) {
        model.addAttribute("accounts", desk.accounts());
        model.addAttribute("teams", directory.teams());
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        return "social/accounts";
    }
}
