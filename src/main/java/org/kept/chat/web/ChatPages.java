package org.kept.chat.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The chat pages: the agents' console ({@code /console/chats}: waiting chats, their own chats, the active
 * conversation with the customer card and knowledge) and the customer's chat window ({@code /chat/widget}), which the
 * portal links to and the snippet {@code /js/chat-embed.js} frames on a centre's own site.
 */
@Controller
class ChatPages {

    @GetMapping("/console/chats")
    @PreAuthorize("hasAuthority('CHAT_HANDLE')")
    String console() {
        return "chat/console";
    }

    @GetMapping("/chat/widget")
    String widget(@RequestParam(defaultValue = "WIDGET") String origin,
                  @org.springframework.security.core.annotation.AuthenticationPrincipal org.kept.identity.CurrentUser me,
                  Model model) {
        // a signed-in portal customer chats as themselves: the form needs nothing more from them
        model.addAttribute("portal", me != null && me.isCustomer());
        model.addAttribute("portalName", me != null && me.isCustomer() ? me.displayName() : "");
        model.addAttribute("origin", origin.matches("[A-Za-z]{1,16}") ? origin.toUpperCase() : "WIDGET");
        return "chat/widget";
    }
}
