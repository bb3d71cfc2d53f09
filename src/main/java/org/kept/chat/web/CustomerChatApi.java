package org.kept.chat.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kept.chat.internal.ChatDesk;
import org.kept.chat.internal.ChatMessage;
import org.kept.chat.internal.Conversation;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The customer's chat API (the widget and the snippet's window call it). No sign-in: a chat's calls carry its token,
 * the only key to it; a wrong token is "not found". A message carries the client's own id, so a resend after a lost
 * answer is the same message; {@code after} gives what the window has not seen yet (after a reload or a reconnect).
 */
@RestController
class CustomerChatApi {

    private final ChatDesk desk;
    private final ChatStreams streams;

    CustomerChatApi(ChatDesk desk, ChatStreams streams) {
        this.desk = desk;
        this.streams = streams;
    }

    @Operation(summary = "Whether chats are staffed now, and when people are back if not")
    @GetMapping("/api/v1/chat/hours")
    Map<String, Object> hours() {
        ChatDesk.Hours h = desk.hours();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("open", h.open());
        out.put("backAt", h.backAt() == null ? null : h.backAt().toString());
        out.put("timeZone", h.calendar().timeZone().getId());
        return out;
    }

    @Operation(summary = "Starts a chat (name and phone or email; a signed-in portal customer is linked); 409 outside staffed hours")
    @PostMapping("/api/v1/chat/conversations")
    ResponseEntity<Map<String, Object>> start(@RequestBody Start body, @AuthenticationPrincipal CurrentUser me) {
        Conversation c = desk.start(body.name(), body.phone(), body.email(), body.origin(), me);
        return ResponseEntity.status(201).body(state(c));
    }

    @Operation(summary = "The chat's state and its messages after seq (all on a fresh page)")
    @GetMapping("/api/v1/chat/conversations/{token}")
    Map<String, Object> get(@PathVariable String token, @RequestParam(defaultValue = "0") long after) {
        Map<String, Object> out = state(desk.byToken(token));
        out.put("messages", desk.forCustomer(token, after).stream().map(ChatDesk::view).toList());
        return out;
    }

    @Operation(summary = "The chat's messages after seq, in order")
    @GetMapping("/api/v1/chat/conversations/{token}/messages")
    List<Map<String, Object>> messages(@PathVariable String token, @RequestParam(defaultValue = "0") long after) {
        return desk.forCustomer(token, after).stream().map(ChatDesk::view).toList();
    }

    @Operation(summary = "Sends a message; the same clientId again returns the first one (201 first, then 200)")
    @PostMapping("/api/v1/chat/conversations/{token}/messages")
    ResponseEntity<Map<String, Object>> send(@PathVariable String token, @RequestBody Message body) {
        long before = desk.byToken(token).lastSeq();
        ChatMessage m = desk.fromCustomer(token, body.clientId(), body.body(), null);
        return ResponseEntity.status(m.seq() > before ? 201 : 200).body(ChatDesk.view(m));
    }

    @Operation(summary = "Sends a file (base64; PNG, JPEG, GIF or PDF by its content; size limit), deduplicated by clientId")
    @PostMapping("/api/v1/chat/conversations/{token}/files")
    ResponseEntity<Map<String, Object>> file(@PathVariable String token, @RequestBody Upload body) {
        long before = desk.byToken(token).lastSeq();
        ChatMessage m = desk.fromCustomer(token, body.clientId(), null, desk.checkedFile(body.name(), Upload.bytes(body.data())));
        return ResponseEntity.status(m.seq() > before ? 201 : 200).body(ChatDesk.view(m));
    }

    @Operation(summary = "A file of the chat, as an attachment")
    @GetMapping("/api/v1/chat/conversations/{token}/files/{seq}")
    ResponseEntity<byte[]> download(@PathVariable String token, @PathVariable long seq) {
        Conversation c = desk.byToken(token);
        return Upload.answer(desk.file(c, seq).orElseThrow(() -> KeptException.notFound("file", seq)));
    }

    @Operation(summary = "The customer is typing (shown to the agent)")
    @PostMapping("/api/v1/chat/conversations/{token}/typing")
    ResponseEntity<Void> typing(@PathVariable String token) {
        desk.customerTyping(token);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The customer has read up to seq (shown to the agent)")
    @PostMapping("/api/v1/chat/conversations/{token}/read")
    ResponseEntity<Void> read(@PathVariable String token, @RequestBody Read body) {
        desk.customerRead(token, body.seq());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The customer ends the chat")
    @PostMapping("/api/v1/chat/conversations/{token}/end")
    ResponseEntity<Void> end(@PathVariable String token) {
        desk.customerEnds(token);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The chat's stream (server-sent events): messages after seq at once, then chat-message, "
            + "chat-typing, chat-read and chat-state as they happen; ends after seconds (at most 300)")
    @GetMapping("/api/v1/chat/conversations/{token}/stream")
    SseEmitter stream(@PathVariable String token, @RequestParam(defaultValue = "0") long after,
                      @RequestParam(defaultValue = "300") int seconds, HttpServletResponse response) {
        Conversation c = desk.byToken(token);
        return streams.open(c.token(), seconds, response, () -> desk.forCustomer(token, after));
    }

    @Operation(summary = "Outside staffed hours: leaves a message that becomes a ticket; answers its number and deadline")
    @PostMapping("/api/v1/chat/messages")
    ResponseEntity<Map<String, Object>> leave(@RequestBody Leave body, @AuthenticationPrincipal CurrentUser me) {
        ChatDesk.LeftMessage left = desk.leaveMessage(body.name(), body.phone(), body.email(), body.text(), me);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ticketNumber", left.ticketNumber());
        out.put("firstResponseDue", left.firstResponseDue() == null ? null : left.firstResponseDue().toString());
        return ResponseEntity.status(201).body(out);
    }

    private static Map<String, Object> state(Conversation c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", c.token());
        out.put("state", c.state().name());
        out.put("name", c.customerName());
        out.put("lastSeq", c.lastSeq());
        out.put("agentRead", c.agentRead());
        return out;
    }

    record Start(String name, String phone, String email, String origin) {
    }

    record Message(String clientId, String body) {
    }

    record Read(long seq) {
    }

    record Leave(String name, String phone, String email, String text) {
    }

}
