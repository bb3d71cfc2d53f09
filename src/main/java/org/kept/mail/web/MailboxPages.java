package org.kept.mail.web;

import java.util.Locale;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.mail.internal.MailDesk;
import org.kept.shared.Flash;
import org.kept.shared.KeptException;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The mailbox administration page (邮箱管理): the mailboxes with their team and IMAP server, and a form to add one. */
@Controller
class MailboxPages {

    private final MailDesk mail;
    private final Directory directory;
    private final MessageSource messages;

    MailboxPages(MailDesk mail, Directory directory, MessageSource messages) {
        this.mail = mail;
        this.directory = directory;
        this.messages = messages;
    }

    /** The form as typed. */
    record Form(String address, String category, Long teamId, String imapHost, Integer imapPort, String imapUser,
                String imapPassword, Boolean imapSsl, Boolean autoAck) {
    }

    @GetMapping("/admin/mailboxes")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String list(Model model) {
        return page(model, new Form(null, null, null, null, null, null, null, false, true), null);
    }

    @PostMapping("/admin/mailboxes")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    String add(@ModelAttribute Form form, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model,
               RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) {
        try {
            mail.addMailbox(new MailDesk.NewMailbox(form.address(), form.category(), form.teamId(), form.imapHost(),
                    form.imapPort(), form.imapUser(), form.imapPassword(), Boolean.TRUE.equals(form.imapSsl()), Boolean.TRUE.equals(form.autoAck())), me);
        } catch (KeptException refused) {
            response.setStatus(400);
            return page(model, form, messages.getMessage(refused.messageKey(), refused.args(), locale));
        }
        Flash.notice(redirect, messages.getMessage("admin.saved", null, locale));
        return "redirect:/admin/mailboxes";
    }

    private String page(Model model, Form form, String error) {
        model.addAttribute("mailboxes", mail.mailboxes());
        model.addAttribute("teams", directory.teams());
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        return "mail/mailboxes";
    }
}
