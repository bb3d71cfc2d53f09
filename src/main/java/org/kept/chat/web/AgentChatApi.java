package org.kept.chat.web;

import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kept.chat.internal.ChatDesk;
import org.kept.chat.internal.ChatFile;
import org.kept.chat.internal.ChatMessage;
import org.kept.chat.internal.ChatSetting;
import org.kept.chat.internal.Conversation;
import org.kept.customer.Customer;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.Answers;
import org.kept.knowledge.KnowledgeSearch;
import org.kept.knowledge.Script;
import org.kept.knowledge.Scripts;
import org.kept.knowledge.SearchHit;
import org.kept.knowledge.SearchQuery;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.kept.ticket.TicketState;
import org.kept.ticket.Tickets;
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

/**
 * The agent's side of chat, as JSON: {@code /api/v1/chats/…} with a bearer token, {@code /console/chats/…} with the
 * console page's session and CSRF token. Phones and emails are masked for agents without personal-data rights
 * (an outsourced agent never sees one in full). Pushes reach the agent through the console's push stream.
 */
@RestController
@PreAuthorize("hasAuthority('CHAT_HANDLE')")
class AgentChatApi {

    private final ChatDesk desk;
    private final Customers customers;
    private final Tickets tickets;
    private final Scripts scripts;
    private final KnowledgeSearch search;
    private final Answers answers;

    AgentChatApi(ChatDesk desk, Customers customers, Tickets tickets, Scripts scripts, KnowledgeSearch search,
                 Answers answers) {
        this.desk = desk;
        this.customers = customers;
        this.tickets = tickets;
        this.scripts = scripts;
        this.search = search;
        this.answers = answers;
    }

    @Operation(summary = "Chats waiting for an agent (of the caller's team, and those for no team), oldest first")
    @GetMapping({"/api/v1/chats/waiting", "/console/chats/waiting"})
    List<Map<String, Object>> waiting(@AuthenticationPrincipal CurrentUser me) {
        return desk.waiting(me).stream().map(c -> header(c, me)).toList();
    }

    @Operation(summary = "The caller's open chats")
    @GetMapping({"/api/v1/chats/mine", "/console/chats/mine"})
    List<Map<String, Object>> mine(@AuthenticationPrincipal CurrentUser me) {
        return desk.mine(me).stream().map(c -> header(c, me)).toList();
    }

    @Operation(summary = "Takes a waiting chat: it joins the customer's open ticket ticketId, or becomes a new ticket; 409 when taken")
    @PostMapping({"/api/v1/chats/{id}/accept", "/console/chats/{id}/accept"})
    Map<String, Object> accept(@PathVariable long id, @RequestBody(required = false) Accept body,
                               @AuthenticationPrincipal CurrentUser me) {
        return header(desk.accept(id, body == null ? null : body.ticketId(), me), me);
    }

    @Operation(summary = "The chat's messages after seq")
    @GetMapping({"/api/v1/chats/{id}/messages", "/console/chats/{id}/messages"})
    List<Map<String, Object>> messages(@PathVariable long id, @RequestParam(defaultValue = "0") long after,
                                       @AuthenticationPrincipal CurrentUser me) {
        return desk.forAgent(id, after, me).stream().map(m -> view(m, me)).toList();
    }

    @Operation(summary = "Sends a message to the customer; the same clientId again returns the first one (201, then 200)")
    @PostMapping({"/api/v1/chats/{id}/messages", "/console/chats/{id}/messages"})
    ResponseEntity<Map<String, Object>> send(@PathVariable long id, @RequestBody Message body,
                                             @AuthenticationPrincipal CurrentUser me) {
        return sent(id, body.clientId(), body.body(), null, me);
    }

    @Operation(summary = "Sends a file (base64; PNG, JPEG, GIF or PDF by content; size limit)")
    @PostMapping({"/api/v1/chats/{id}/files", "/console/chats/{id}/files"})
    ResponseEntity<Map<String, Object>> file(@PathVariable long id, @RequestBody Upload body,
                                             @AuthenticationPrincipal CurrentUser me) {
        return sent(id, body.clientId(), null, desk.checkedFile(body.name(), Upload.bytes(body.data())), me);
    }

    @Operation(summary = "A file of the chat, as an attachment")
    @GetMapping({"/api/v1/chats/{id}/files/{seq}", "/console/chats/{id}/files/{seq}"})
    ResponseEntity<byte[]> download(@PathVariable long id, @PathVariable long seq, @AuthenticationPrincipal CurrentUser me) {
        return Upload.answer(desk.file(desk.held(id, me), seq).orElseThrow(() -> KeptException.notFound("file", seq)));
    }

    @Operation(summary = "The agent is typing (shown to the customer)")
    @PostMapping({"/api/v1/chats/{id}/typing", "/console/chats/{id}/typing"})
    ResponseEntity<Void> typing(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        desk.agentTyping(id, me);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The agent has read up to seq (shown to the customer)")
    @PostMapping({"/api/v1/chats/{id}/read", "/console/chats/{id}/read"})
    ResponseEntity<Void> read(@PathVariable long id, @RequestBody Read body, @AuthenticationPrincipal CurrentUser me) {
        desk.agentRead(id, body.seq(), me);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Ends the chat")
    @PostMapping({"/api/v1/chats/{id}/end", "/console/chats/{id}/end"})
    ResponseEntity<Void> end(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        desk.agentEnds(id, me);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The customer card beside the chat: customer (masked per permissions), open tickets, written scripts")
    @GetMapping({"/api/v1/chats/{id}/card", "/console/chats/{id}/card"})
    Map<String, Object> card(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        Conversation c = desk.held(id, me);
        Customer customer = customers.get(c.customerId());
        boolean full = me.seesPersonalData();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customerId", customer.id());
        out.put("name", customer.name());
        out.put("tier", customer.tier().name());
        out.put("phones", customer.phones().stream().map(p -> full ? p : Masking.phone(p)).toList());
        out.put("emails", customer.emails().stream().map(e -> full ? e : Masking.email(e)).toList());
        out.put("ticketId", c.ticketId());
        out.put("openTickets", tickets.ofCustomer(customer.id(), 20).stream()
                .filter(t -> TicketState.ACTIVE.contains(t.state()))
                .map(t -> Map.of("id", t.id(), "number", t.number(), "subject",
                        full ? t.subject() : Masking.inText(t.subject()), "state", t.state().name()))
                .toList());
        out.put("scripts", scripts.forChannel("WRITTEN").stream().map(AgentChatApi::script).toList());
        return out;
    }

    @Operation(summary = "Knowledge answers for a question, whole and ready to insert into a chat reply (internal ones left out)")
    @GetMapping({"/api/v1/chats/answers", "/console/chats/answers"})
    List<Map<String, Object>> answers(@RequestParam String q, @AuthenticationPrincipal CurrentUser me) {
        List<Long> ids = search.search(SearchQuery.of(q, 5), me).stream().map(SearchHit::id).toList();
        return answers.answers(ids, me).stream().filter(a -> !a.internal())
                .map(a -> Map.<String, Object>of("articleId", a.articleId(), "title", a.title(), "text", a.text())).toList();
    }

    @Operation(summary = "Where chats go and when they are staffed")
    @GetMapping("/api/v1/chats/settings")
    @PreAuthorize("hasAuthority('CHAT_ADMIN')")
    ChatSetting settings() {
        return desk.setting();
    }

    @Operation(summary = "Sets the chats' team (null: everyone), business calendar (null: round the clock) and file limit")
    @PutMapping("/api/v1/chats/settings")
    @PreAuthorize("hasAuthority('CHAT_ADMIN')")
    ChatSetting configure(@RequestBody ChatSetting body) {
        return desk.configure(body.teamId(), body.calendarId(), body.maxFileBytes());
    }

    /** A chat as the lists and the header show it; phone and email masked unless the agent sees personal data. */
    static Map<String, Object> header(Conversation c, CurrentUser me) {
        boolean full = me.seesPersonalData();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("name", c.customerName());
        out.put("phone", full ? c.phone() : Masking.phone(c.phone()));
        out.put("email", full ? c.email() : Masking.email(c.email()));
        out.put("state", c.state().name());
        out.put("ticketId", c.ticketId());
        out.put("lastSeq", c.lastSeq());
        out.put("customerRead", c.customerRead());
        out.put("agentRead", c.agentRead());
        out.put("origin", c.origin());
        out.put("startedAt", c.startedAt().toString());
        return out;
    }

    /** 201 with the message when it is new, 200 with the first one when its clientId was sent before. */
    private ResponseEntity<Map<String, Object>> sent(long id, String clientId, String text, ChatFile file, CurrentUser me) {
        long before = desk.held(id, me).lastSeq();
        ChatMessage m = desk.fromAgent(id, clientId, text, file, me);
        return ResponseEntity.status(m.seq() > before ? 201 : 200).body(view(m, me));
    }

    /** A message for the agent: numbers and addresses in it masked unless the agent sees personal data. */
    static Map<String, Object> view(ChatMessage m, CurrentUser me) {
        Map<String, Object> v = ChatDesk.view(m);
        if (!me.seesPersonalData()) {
            v.put("body", Masking.inText(m.body()));
            if (m.hasFile()) {
                v.put("file", Map.of("name", Masking.inText(m.fileName()), "type", m.fileType(), "size", m.fileSize()));
            }
        }
        return v;
    }

    private static Map<String, Object> script(Script s) {
        return Map.of("id", s.id(), "name", s.name(), "body", s.body());
    }

    record Accept(Long ticketId) {
    }

    record Message(String clientId, String body) {
    }

    record Read(long seq) {
    }
}
