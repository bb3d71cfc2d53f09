package org.kept.chat.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kept.calendar.BusinessCalendar;
import org.kept.calendar.Calendars;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.NewContact;
import org.kept.contact.Push;
import org.kept.customer.Customer;
import org.kept.customer.Customers;
import org.kept.customer.NewCustomer;
import org.kept.customer.PhoneNumbers;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.kept.ticket.Channel;
import org.kept.ticket.NewTicket;
import org.kept.ticket.TicketDeadlines;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketType;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat's use cases. A message is stored once per (chat, client id): the client sends it again until it has the
 * answer, and a repeat returns the first one. Each message is one contact (channel CHAT) on the ticket's and the
 * customer's timeline; messages written while the chat waited join the ticket when an agent accepts it. Pushes go to
 * the chat's topic (the customer's windows, on any instance) and to the agent who holds it.
 */
@Service
public class ChatDesk {

    /** The longest message; a longer one is refused rather than cut (the customer sees what was sent). */
    public static final int MAX_BODY = 2000;
    /** Types a file may have, each recognised by its first bytes rather than by what the browser claims. */
    static final Map<String, byte[]> FILE_TYPES = new LinkedHashMap<>();

    static {
        FILE_TYPES.put("image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G'});
        FILE_TYPES.put("image/jpeg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        FILE_TYPES.put("image/gif", new byte[]{'G', 'I', 'F', '8'});
        FILE_TYPES.put("application/pdf", new byte[]{'%', 'P', 'D', 'F'});
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChatStore store;
    private final Contacts contacts;
    private final Customers customers;
    private final Tickets tickets;
    private final Calendars calendars;
    private final ObjectProvider<TicketDeadlines> deadlines;
    private final Push push;
    private final ChatActor actor;
    private final JsonMapper json;
    private final ChatRouting routing;
    private final Clock clock;

    ChatDesk(ChatStore store, Contacts contacts, Customers customers, Tickets tickets, Calendars calendars,
             ObjectProvider<TicketDeadlines> deadlines, Push push, ChatActor actor, JsonMapper json, ChatRouting routing,
             Clock clock) {
        this.routing = routing;
        this.store = store;
        this.contacts = contacts;
        this.customers = customers;
        this.tickets = tickets;
        this.calendars = calendars;
        this.deadlines = deadlines;
        this.push = push;
        this.actor = actor;
        this.json = json;
        this.clock = clock;
    }

    // ----- the customer's side -----

    /** Whether people answer chats now, and if not when they are back. */
    public Hours hours() {
        BusinessCalendar calendar = calendar();
        Instant now = clock.instant();
        return calendar.isWorkingTime(now) ? new Hours(true, null, calendar) : new Hours(false, calendar.addMinutes(now, 1).minusSeconds(60), calendar);
    }

    /**
     * Starts a chat: the name and a phone or an email, or a signed-in portal customer ({@code portal}, may be null).
     * Refused (409) outside staffed hours: the widget takes a message then ({@link #leaveMessage}).
     */
    @Transactional
    public Conversation start(String name, String phone, String email, String origin, CurrentUser portal) {
        if (!hours().open()) {
            throw KeptException.conflict("chat.error.closed");
        }
        Identity who = identify(name, phone, email, portal);
        String token = newToken();
        long id = store.insert(token, who.name(), who.phone(), who.email(), who.customer().id(), store.setting().teamId(),
                origin == null || origin.isBlank() ? "WIDGET" : Masking.cut(origin.toUpperCase(), 16), clock.instant());
        Conversation started = store.find(id).orElseThrow();
        // it also waits on the console's list, so a centre without routing skills set up still answers it
        routing.submit(started);
        return started;
    }

    public Conversation byToken(String token) {
        if (token == null || token.length() != 43) {
            throw KeptException.notFound("chat", "");
        }
        return store.byToken(token).orElseThrow(() -> KeptException.notFound("chat", ""));
    }

    @Transactional
    public ChatMessage fromCustomer(String token, String clientId, String body, ChatFile file) {
        return write(byToken(token).id(), clientId, body, file, ChatMessage.Sender.CUSTOMER, null);
    }

    public List<ChatMessage> forCustomer(String token, long afterSeq) {
        return store.after(byToken(token).id(), afterSeq, 500);
    }

    public void customerTyping(String token) {
        Conversation c = byToken(token);
        if (c.agentId() != null && c.state() == Conversation.State.ACTIVE) {
            push.toUser(c.agentId(), "chat-typing", "{\"chat\":" + c.id() + "}");
        }
    }

    @Transactional
    public void customerRead(String token, long seq) {
        Conversation c = byToken(token);
        store.customerRead(c.id(), Math.min(seq, c.lastSeq()));
        if (c.agentId() != null) {
            push.toUser(c.agentId(), "chat-read", "{\"chat\":" + c.id() + ",\"seq\":" + Math.min(seq, c.lastSeq()) + "}");
        }
    }

    @Transactional
    public void customerEnds(String token) {
        end(byToken(token));
    }

    /**
     * Outside staffed hours: the customer's message becomes a ticket (channel CHAT) whose SLA clock starts now; the
     * answer says its number and the first-response deadline when a policy sets one.
     */
    @Transactional
    public LeftMessage leaveMessage(String name, String phone, String email, String text, CurrentUser portal) {
        if (text == null || text.isBlank()) {
            throw KeptException.invalid("chat.error.body");
        }
        if (text.length() > MAX_BODY) {
            throw KeptException.invalid("chat.error.tooLong", MAX_BODY);
        }
        Identity who = identify(name, phone, email, portal);
        TicketView ticket = newTicket(who.customer(), who.name(), text.strip(), who.phone());
        contacts.record(new NewContact(Channel.CHAT, Direction.INBOUND, "chat-left:" + ticket.id(), who.address(),
                who.customer().id(), ticket.id(), null, clock.instant(), Masking.cut(text.strip(), 500)), actor.get());
        Instant due = deadlines.stream().findFirst().flatMap(d -> d.of(ticket.id()))
                .map(TicketDeadlines.Deadlines::firstResponseDue).orElse(null);
        return new LeftMessage(ticket.number(), due);
    }

    // ----- the agent's side -----

    public List<Conversation> waiting(CurrentUser me) {
        return store.waiting(me.teamId(), 100);
    }

    public List<Conversation> mine(CurrentUser me) {
        return store.activeOf(me.id());
    }

    /** A chat the agent holds (any chat for reading, when it is waiting); 404 for others', so ids confirm nothing. */
    public Conversation held(long id, CurrentUser me) {
        Conversation c = store.find(id).orElseThrow(() -> KeptException.notFound("chat", id));
        if (c.agentId() != null && c.agentId() != me.id()) {
            throw KeptException.notFound("chat", id);
        }
        return c;
    }

    /**
     * Takes a waiting chat: it joins the customer's open ticket {@code joinTicketId}, or becomes a new ticket; the
     * messages written while it waited go on that ticket's timeline. 409 when another agent took it first.
     */
    @Transactional
    public Conversation accept(long id, Long joinTicketId, CurrentUser me) {
        Conversation c = store.lock(id);
        if (c.state() != Conversation.State.WAITING) {
            throw KeptException.conflict("chat.error.taken");
        }
        List<ChatMessage> before = store.after(id, 0, 10_000);
        TicketView ticket;
        if (joinTicketId != null) {
            ticket = tickets.find(joinTicketId).filter(t -> t.customerId() == c.customerId())
                    .filter(t -> TicketState.ACTIVE.contains(t.state()))
                    .orElseThrow(() -> KeptException.invalid("chat.error.ticket", joinTicketId));
        } else {
            String first = before.stream().filter(m -> m.sender() == ChatMessage.Sender.CUSTOMER && m.body() != null)
                    .map(ChatMessage::body).findFirst().orElse(c.customerName());
            ticket = newTicket(customers.get(c.customerId()), c.customerName(), first, c.phone());
        }
        // a new ticket, or an open one nobody holds, is the accepting agent's; one a colleague holds stays theirs
        if (ticket.assigneeId() == null) {
            tickets.assign(ticket.id(), ticket.teamId(), me.id(), tickets.get(ticket.id()).version(), actor.get());
        }
        store.accept(id, me.id(), ticket.id(), clock.instant());
        routing.taken(id);
        for (ChatMessage m : before) {
            if (m.contactId() != null) {
                contacts.attach(m.contactId(), ticket.id(), me);
            }
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", "ACTIVE");
        state.put("agent", me.agentNo() != null ? me.agentNo() : me.displayName());
        push.toTopic(c.token(), "chat-state", json.writeValueAsString(state));
        return store.find(id).orElseThrow();
    }

    @Transactional
    public ChatMessage fromAgent(long id, String clientId, String body, ChatFile file, CurrentUser me) {
        Conversation c = held(id, me);
        if (c.state() != Conversation.State.ACTIVE) {
            throw KeptException.conflict("chat.error.notActive");
        }
        return write(id, clientId, body, file, ChatMessage.Sender.AGENT, me);
    }

    public List<ChatMessage> forAgent(long id, long afterSeq, CurrentUser me) {
        return store.after(held(id, me).id(), afterSeq, 500);
    }

    public void agentTyping(long id, CurrentUser me) {
        Conversation c = held(id, me);
        push.toTopic(c.token(), "chat-typing", "{}");
    }

    @Transactional
    public void agentRead(long id, long seq, CurrentUser me) {
        Conversation c = held(id, me);
        store.agentRead(id, Math.min(seq, c.lastSeq()));
        push.toTopic(c.token(), "chat-read", "{\"seq\":" + Math.min(seq, c.lastSeq()) + "}");
    }

    @Transactional
    public void agentEnds(long id, CurrentUser me) {
        end(held(id, me));
    }

    public Optional<ChatFile> file(Conversation c, long seq) {
        return store.file(c.id(), seq);
    }

    public ChatSetting setting() {
        return store.setting();
    }

    @Transactional
    public ChatSetting configure(Long teamId, Long calendarId, int maxFileBytes) {
        if (calendarId != null && calendars.find(calendarId).isEmpty()) {
            throw KeptException.invalid("chat.error.calendar", calendarId);
        }
        if (maxFileBytes < 1024 || maxFileBytes > 20 * 1024 * 1024) {
            throw KeptException.invalid("chat.error.fileLimit", maxFileBytes);
        }
        ChatSetting s = new ChatSetting(teamId, calendarId, maxFileBytes);
        store.saveSetting(s, clock.instant());
        return s;
    }

    /** Checks a file's size and type (by its first bytes); the browser's word for its type is not taken. */
    public ChatFile checkedFile(String name, byte[] data) {
        if (data == null || data.length == 0) {
            throw KeptException.invalid("chat.error.file");
        }
        if (data.length > store.setting().maxFileBytes()) {
            throw KeptException.invalid("chat.error.fileSize", store.setting().maxFileBytes() / 1024);
        }
        String type = FILE_TYPES.entrySet().stream().filter(e -> startsWith(data, e.getValue())).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> KeptException.invalid("chat.error.fileType"));
        String clean = name == null ? "file" : name.replaceAll("[\\p{Cntrl}/\\\\\"]", "_").strip();
        return new ChatFile(Masking.cut(clean.isEmpty() ? "file" : clean, 200), type, data);
    }

    // ----- shared -----

    private ChatMessage write(long conversationId, String clientId, String body, ChatFile file, ChatMessage.Sender sender,
                              CurrentUser agent) {
        if (clientId == null || !clientId.matches("[A-Za-z0-9_-]{8,64}")) {
            throw KeptException.invalid("chat.error.clientId");
        }
        String text = body == null ? null : body.strip();
        if (file == null && (text == null || text.isEmpty())) {
            throw KeptException.invalid("chat.error.body");
        }
        if (text != null && text.length() > MAX_BODY) {
            throw KeptException.invalid("chat.error.tooLong", MAX_BODY);
        }
        // the row lock first: a repeat that raced the first send finds it once that one has committed
        Conversation c = store.lock(conversationId);
        Optional<ChatMessage> known = store.byClientId(conversationId, clientId);
        if (known.isPresent()) {
            return known.get();
        }
        if (c.state() == Conversation.State.ENDED) {
            throw KeptException.conflict("chat.error.ended");
        }
        long seq = c.lastSeq() + 1;
        Instant now = clock.instant();
        store.nextSeq(conversationId, seq);
        store.insertMessage(conversationId, seq, clientId, sender, agent == null ? null : agent.id(),
                file != null ? file.name() : text, file, now);
        ChatMessage m = store.byClientId(conversationId, clientId).orElseThrow();
        String summary = file != null ? "📎 " + file.name() : text;
        Contact contact = contacts.record(new NewContact(Channel.CHAT,
                sender == ChatMessage.Sender.CUSTOMER ? Direction.INBOUND : Direction.OUTBOUND,
                "chat:" + conversationId + ":" + clientId, c.address(), c.customerId(), c.ticketId(),
                agent == null ? c.agentId() : Long.valueOf(agent.id()), now, Masking.cut(summary, 500)), agent == null ? actor.get() : agent);
        store.contactOf(m.id(), contact.id());
        String payload = pushed(m);
        push.toTopic(c.token(), "chat-message", payload);
        if (c.agentId() != null) {
            // the agent's page fetches it through the API, which masks numbers for agents without personal-data rights
            push.toUser(c.agentId(), "chat-message", "{\"chat\":" + c.id() + ",\"seq\":" + seq + ",\"sender\":\""
                    + sender.name() + "\",\"fetch\":true}");
        }
        return m;
    }

    /** The message as pushed; a long one (a NOTIFY carries 8000 bytes) goes as a hint to fetch it. */
    private String pushed(ChatMessage m) {
        Map<String, Object> body = new LinkedHashMap<>(view(m));
        String text = json.writeValueAsString(body);
        if (text.getBytes(StandardCharsets.UTF_8).length > 6_000) {
            text = "{\"chat\":" + m.conversationId() + ",\"seq\":" + m.seq() + ",\"fetch\":true}";
        }
        return text;
    }

    /** A message as the chat windows read it (customer and agent alike: it holds nothing personal but the words). */
    public static Map<String, Object> view(ChatMessage m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("chat", m.conversationId());
        v.put("seq", m.seq());
        v.put("clientId", m.clientId());
        v.put("sender", m.sender().name());
        v.put("body", m.body());
        v.put("file", m.hasFile() ? Map.of("name", m.fileName(), "type", m.fileType(), "size", m.fileSize()) : null);
        v.put("sentAt", m.sentAt().toString());
        return v;
    }

    private void end(Conversation c) {
        if (store.end(c.id(), clock.instant())) {
            routing.ended(c.id());
            push.toTopic(c.token(), "chat-state", "{\"state\":\"ENDED\"}");
            if (c.agentId() != null) {
                push.toUser(c.agentId(), "chat-state", "{\"chat\":" + c.id() + ",\"state\":\"ENDED\"}");
            }
        }
    }

    private TicketView newTicket(Customer customer, String name, String text, String phone) {
        String subject = Masking.cut(text.replaceAll("\\s+", " "), 60);
        NewTicket request = new NewTicket(TicketType.INQUIRY, null, Channel.CHAT, null, subject.isBlank() ? name : subject,
                Masking.cut(text, 4000), null, null, null, phone, customer.id(), store.setting().teamId(), null);
        return tickets.create(request, actor.get(), null).ticket();
    }

    private Identity identify(String name, String phone, String email, CurrentUser portal) {
        if (portal != null && portal.isCustomer()) {
            Customer c = customers.get(portal.customerId());
            return new Identity(c.name(), c.primaryPhone(), c.primaryEmail(), c);
        }
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 100) {
            throw KeptException.invalid("chat.error.name");
        }
        String e164 = phone == null || phone.isBlank() ? null : PhoneNumbers.parse(phone)
                .orElseThrow(() -> KeptException.invalid("error.phone", phone));
        String mail = email == null || email.isBlank() ? null : email.strip().toLowerCase();
        if (mail != null && (mail.length() > 254 || !mail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            throw KeptException.invalid("chat.error.email");
        }
        if (e164 == null && mail == null) {
            throw KeptException.invalid("chat.error.reach");
        }
        Optional<Customer> known = e164 != null ? customers.byPhone(e164) : Optional.empty();
        if (known.isEmpty() && mail != null) {
            known = customers.byEmail(mail);
        }
        Customer customer = known.orElseGet(() -> customers.create(new NewCustomer(cleanName, null, null,
                e164 == null ? List.of() : List.of(e164), mail == null ? List.of() : List.of(mail)), ChatActor.USERNAME));
        return new Identity(cleanName, e164, mail, customer);
    }

    private BusinessCalendar calendar() {
        Long id = store.setting().calendarId();
        return id == null ? calendars.roundTheClock() : calendars.find(id).orElseGet(calendars::roundTheClock);
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private record Identity(String name, String phone, String email, Customer customer) {
        String address() {
            return phone != null ? phone : email;
        }
    }

    /** Open now or not; {@code backAt} is the next staffed moment when closed. */
    public record Hours(boolean open, Instant backAt, BusinessCalendar calendar) {
    }

    /** A message left out of hours: the ticket it became and when the first answer is due (null without a policy). */
    public record LeftMessage(String ticketNumber, Instant firstResponseDue) {
    }
}
