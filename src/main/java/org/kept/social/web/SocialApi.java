package org.kept.social.web;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.social.internal.ReplyWindow;
import org.kept.social.internal.SocialDesk;
import org.kept.ticket.Tickets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Social accounts (administrators), a ticket's reply window, and Weibo @mentions for the social-media team. */
@RestController
class SocialApi {

    private final SocialDesk desk;
    private final Tickets tickets;

    SocialApi(SocialDesk desk, Tickets tickets) {
        this.desk = desk;
        this.tickets = tickets;
    }

    @GetMapping("/api/v1/tickets/{id}/social-window")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "Until when the platform (WeChat, Weibo) takes a reply on the ticket's conversation",
            description = "404 when the ticket's conversation did not come from a social platform. A reply after the "
                    + "window is refused with 409.")
    ReplyWindow window(@PathVariable long id) {
        tickets.get(id);
        return desk.window(id).orElseThrow(() -> org.kept.shared.KeptException.notFound("social conversation", id));
    }

    @GetMapping("/api/v1/social/mentions")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Public @mentions of the centre's Weibo accounts of the caller's team (all teams with "
            + "TICKET_ASSIGN_ANY), open first; authors masked without PII_VIEW")
    List<SocialDesk.MentionRow> mentions(@RequestParam(defaultValue = "false") boolean open,
                                         @AuthenticationPrincipal CurrentUser me) {
        return desk.mentions(me, open);
    }

    @PostMapping("/api/v1/social/mentions/{id}/answer")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Answers a mention with a public comment (once; 409 when someone handled it)")
    ResponseEntity<Void> answer(@PathVariable long id, @RequestBody Map<String, String> body,
                                @AuthenticationPrincipal CurrentUser me) {
        desk.answerMention(id, body.get("text"), me);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/social/mentions/{id}/ticket")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Turns a mention into a ticket of its author for the account's team (once)")
    ResponseEntity<Map<String, Object>> ticket(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        var t = desk.mentionToTicket(id, me);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", t.id(), "number", t.number()));
    }

    @GetMapping("/api/v1/social/accounts")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "The WeChat and Weibo accounts (secrets shown as their last four characters)")
    List<SocialDesk.AccountRow> accounts() {
        return desk.accounts();
    }

    @PostMapping("/api/v1/social/accounts")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "Adds a WeChat (appId, appSecret, token, optional 43-character aesKey for safe mode) or Weibo "
            + "(appId = App Key, appSecret, accessToken) account with its team")
    ResponseEntity<SocialDesk.AccountRow> add(@RequestBody SocialDesk.AccountForm form, @AuthenticationPrincipal CurrentUser me) {
        return ResponseEntity.status(HttpStatus.CREATED).body(desk.addAccount(form, me));
    }

    @PutMapping("/api/v1/social/accounts/{id}")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "Changes an account; a blank secret keeps the stored one")
    SocialDesk.AccountRow change(@PathVariable long id, @RequestBody SocialDesk.AccountForm form,
                                 @AuthenticationPrincipal CurrentUser me) {
        return desk.changeAccount(id, form, me);
    }
}
