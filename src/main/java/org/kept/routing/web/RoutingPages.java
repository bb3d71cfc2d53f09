package org.kept.routing.web;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.UserView;
import org.kept.routing.PresenceState;
import org.kept.routing.internal.ChannelRule;
import org.kept.routing.internal.PresenceDesk;
import org.kept.routing.internal.RoutingQueue;
import org.kept.routing.internal.RuleDesk;
import org.kept.routing.internal.WorkDesk;
import org.kept.shared.Flash;
import org.kept.shared.KeptException;
import org.kept.shared.Problems;
import org.kept.ticket.Channel;
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
 * The presence control in the console's header (state, offers to accept or decline, work to finish), the live queue
 * view for leads, and the routing rules page for administrators.
 */
@Controller
class RoutingPages {

    private final PresenceDesk presence;
    private final WorkDesk work;
    private final RuleDesk rules;
    private final RoutingViews views;
    private final Directory directory;
    private final Problems problems;

    RoutingPages(PresenceDesk presence, WorkDesk work, RuleDesk rules, RoutingViews views, Directory directory,
                 Problems problems) {
        this.presence = presence;
        this.work = work;
        this.rules = rules;
        this.views = views;
        this.directory = directory;
        this.problems = problems;
    }

    // --- the presence control (an htmx fragment in the layout's header) ---

    @GetMapping("/console/routing/presence")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String control(@AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        model.addAttribute("p", views.of(me.id(), locale));
        return "routing/presence :: control";
    }

    /** {@code choice} is a state, or {@code NOT_READY:<reason>}. */
    @PostMapping("/console/routing/presence")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String choose(@RequestParam String choice, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        String[] parts = choice.split(":", 2);
        PresenceState state;
        try {
            state = PresenceState.valueOf(parts[0]);
        } catch (IllegalArgumentException e) {
            throw KeptException.invalid("routing.error.state", parts[0]);
        }
        try {
            presence.choose(me.id(), state, parts.length > 1 ? parts[1] : null, me.id());
        } catch (KeptException e) {
            model.addAttribute("alert", problems.sentence(e, locale));
        }
        return control(me, locale, model);
    }

    @PostMapping("/console/routing/work/{id}/{action}")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String act(@PathVariable long id, @PathVariable String action, @AuthenticationPrincipal CurrentUser me, Locale locale,
               Model model, jakarta.servlet.http.HttpServletResponse response) {
        try {
            switch (action) {
                case "accept" -> {
                    var taken = work.accept(id, me.id());
                    // written work opens in the agent's inbox at once (htmx follows the header)
                    if (EnumSet.of(Channel.CHAT, Channel.EMAIL, Channel.WECHAT, Channel.WEIBO).contains(taken.channel())
                            && CONVERSATION.matcher(taken.reference()).matches()) {
                        response.setHeader("HX-Redirect", inboxLink(taken.channel(), taken.reference()));
                    }
                }
                case "decline" -> work.decline(id, me.id());
                case "finish" -> work.finish(id, me.id());
                default -> throw KeptException.notFound("action", action);
            }
        } catch (KeptException e) {
            model.addAttribute("alert", problems.sentence(e, locale));
        }
        return control(me, locale, model);
    }

    /** References of conversations the inbox opens (a chat, or a mail or social ticket); other work stays here. */
    private static final java.util.regex.Pattern CONVERSATION = java.util.regex.Pattern.compile("(chat|ticket):\\d+");

    static String inboxLink(Channel channel, String reference) {
        return "/console/inbox?open=" + java.net.URLEncoder.encode(channel + ":" + reference, java.nio.charset.StandardCharsets.UTF_8);
    }

    // --- the live queue view ---

    @GetMapping("/console/routing/queues")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    String queues(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("live", live(me));
        return "routing/queues";
    }

    @GetMapping("/console/routing/queues/live")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    String liveFragment(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("live", live(me));
        return "routing/queues :: live";
    }

    private RuleDesk.Live live(CurrentUser me) {
        return rules.liveFor(me);
    }

    // --- the rules page ---

    @GetMapping("/admin/routing")
    @PreAuthorize("hasAuthority('ROUTING_ADMIN')")
    String rulesPage(@RequestParam(required = false) Long edit, @RequestParam(required = false) Long agent, Model model) {
        List<RoutingQueue> queues = rules.queues();
        model.addAttribute("queues", queues);
        Map<Long, String> queueSkills = new LinkedHashMap<>();
        queues.forEach(q -> queueSkills.put(q.id(), skillsText(q)));
        model.addAttribute("queueSkills", queueSkills);
        model.addAttribute("editing", edit == null ? null : queues.stream().filter(q -> q.id() == edit).findFirst().orElse(null));
        model.addAttribute("channels", rules.channels().values());
        model.addAttribute("allChannels", List.of(Channel.CHAT, Channel.WECHAT, Channel.EMAIL, Channel.PHONE));
        List<UserView> staff = directory.staffWith(Permission.TICKET_WRITE);
        model.addAttribute("staff", staff);
        model.addAttribute("agent", agent);
        model.addAttribute("agentSkills", agent == null ? "" : skillsText(rules.skills(agent)));
        return "routing/rules";
    }

    @PostMapping("/admin/routing/queues")
    @PreAuthorize("hasAuthority('ROUTING_ADMIN')")
    String saveQueue(@RequestParam(defaultValue = "0") long id, @RequestParam(defaultValue = "0") int version,
                     @RequestParam String code, @RequestParam String name, @RequestParam Channel channel,
                     @RequestParam(defaultValue = "0") int priority, @RequestParam RoutingQueue.Strategy strategy,
                     @RequestParam(required = false) String skills, @RequestParam(required = false) Integer overflowAfterSeconds,
                     @RequestParam(required = false) Long overflowQueueId, @RequestParam(required = false) Long calendarId,
                     @RequestParam RoutingQueue.ClosedAction closedAction, @RequestParam(required = false) Long nightQueueId,
                     @RequestParam(required = false) String closedMessage,
                     @RequestParam(defaultValue = "30") int offerTimeoutSeconds, Locale locale, RedirectAttributes redirect,
                     @AuthenticationPrincipal CurrentUser me) {
        try {
            RoutingQueue saved = rules.save(new RoutingQueue(id, code.strip(), name.strip(), channel, priority, strategy,
                    overflowAfterSeconds, overflowQueueId, calendarId, closedAction, nightQueueId,
                    closedMessage == null || closedMessage.isBlank() ? null : closedMessage.strip(), offerTimeoutSeconds,
                    version, parseQueueSkills(skills)), me);
            Flash.notice(redirect, problems.message("routing.rules.saved", locale, saved.code()));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
            return id == 0 ? "redirect:/admin/routing" : "redirect:/admin/routing?edit=" + id;
        }
        return "redirect:/admin/routing";
    }

    @PostMapping("/admin/routing/channels/{channel}")
    @PreAuthorize("hasAuthority('ROUTING_ADMIN')")
    String saveChannel(@PathVariable Channel channel, @RequestParam int capacity, @RequestParam int acwSeconds,
                       @RequestParam(required = false) List<Channel> blocks, Locale locale, RedirectAttributes redirect,
                       @AuthenticationPrincipal CurrentUser me) {
        try {
            rules.saveChannel(new ChannelRule(channel, capacity, acwSeconds,
                    blocks == null || blocks.isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(blocks)), me);
            Flash.notice(redirect, problems.message("routing.rules.saved", locale, channel.name()));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/admin/routing";
    }

    @PostMapping("/admin/routing/skills")
    @PreAuthorize("hasAuthority('ROUTING_ADMIN')")
    String saveSkills(@RequestParam long agent, @RequestParam(required = false) String skills, Locale locale,
                      RedirectAttributes redirect, @AuthenticationPrincipal CurrentUser me) {
        try {
            Map<String, Integer> parsed = new LinkedHashMap<>();
            parseQueueSkills(skills).forEach(s -> parsed.put(s.skill(), s.minLevel()));
            rules.replaceSkills(agent, parsed, me);
            Flash.notice(redirect, problems.message("routing.rules.saved", locale,
                    directory.user(agent).map(UserView::displayName).orElse("#" + agent)));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/admin/routing?agent=" + agent;
    }

    /** "chat:2, en:1" (a skill without a level is level 1). */
    static List<RoutingQueue.Skill> parseQueueSkills(String text) {
        List<RoutingQueue.Skill> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split("[,，\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("[:：]", 2);
            int level;
            try {
                level = kv.length > 1 ? Integer.parseInt(kv[1].strip()) : 1;
            } catch (NumberFormatException e) {
                throw KeptException.invalid("routing.error.skill", part);
            }
            out.add(new RoutingQueue.Skill(kv[0].strip().toLowerCase(Locale.ROOT), level));
        }
        return out;
    }

    static String skillsText(Map<String, Integer> skills) {
        return String.join(", ", skills.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ":" + e.getValue()).toList());
    }

    static String skillsText(RoutingQueue q) {
        return String.join(", ", q.skills().stream().map(s -> s.skill() + ":" + s.minLevel()).toList());
    }
}
