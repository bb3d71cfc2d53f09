package org.kept.inbox.web;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.inbox.internal.InboxDesk;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The agent's inbox as JSON: their conversations of every written channel with unread counts, masked for them. */
@RestController
class InboxApi {

    private final InboxDesk desk;

    InboxApi(InboxDesk desk) {
        this.desk = desk;
    }

    @Operation(summary = "The caller's conversations (email, chat, WeChat, Weibo) with unread counts, newest activity first")
    @GetMapping("/api/v1/inbox")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    Map<String, Object> inbox(@AuthenticationPrincipal CurrentUser me) {
        List<InboxDesk.Entry> entries = desk.of(me);
        return Map.of("unread", entries.stream().mapToInt(InboxDesk.Entry::unread).sum(),
                "conversations", entries.stream().map(e -> {
                    var l = e.line();
                    var m = new java.util.LinkedHashMap<String, Object>();
                    m.put("open", e.key());
                    m.put("channel", l.channel().name());
                    m.put("reference", l.reference());
                    m.put("title", l.title());
                    m.put("who", l.who());
                    m.put("customerId", l.customerId());
                    m.put("ticketId", l.ticketId());
                    m.put("lastAt", l.lastAt() == null ? null : l.lastAt().toString());
                    m.put("unread", e.unread());
                    return m;
                }).toList());
    }
}
