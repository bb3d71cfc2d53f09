package org.kept.social.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kept.customer.Customers;
import org.kept.customer.NewCustomer;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.kept.social.SocialChanged;
import org.kept.ticket.Channel;
import org.kept.ticket.NewTicket;
import org.kept.ticket.TicketType;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the social pages and API read and write: accounts, reply windows and @mentions, masked for the reader. */
@Service
public class SocialDesk {

    private static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    private final SocialStore store;
    private final SocialOut out;
    private final Tickets tickets;
    private final Customers customers;
    private final SocialActors actors;
    private final ApplicationEventPublisher events;
    private final org.kept.routing.Routing routing;
    private final Clock clock;

    SocialDesk(SocialStore store, SocialOut out, Tickets tickets, Customers customers, SocialActors actors,
               ApplicationEventPublisher events, org.kept.routing.Routing routing, Clock clock) {
        this.routing = routing;
        this.store = store;
        this.out = out;
        this.tickets = tickets;
        this.customers = customers;
        this.actors = actors;
        this.events = events;
        this.clock = clock;
    }

    /** An account as the administrator sees it: secrets as their last four characters at most. */
    public record AccountRow(long id, String code, Channel platform, String name, String appId, String appSecret,
                             String token, String aesKey, String accessToken, Long teamId, String category,
                             boolean enabled, String webhook) {
    }

    /**
     * An account as typed. On a change, a blank secret keeps the stored one (the form never shows it, so it cannot
     * send it back).
     */
    public record AccountForm(String code, Channel platform, String name, String appId, String appSecret, String token,
                              String aesKey, String accessToken, Long teamId, String category, Boolean enabled,
                              String routingQueue) {
    }

    /** A mention as the reader may see it. */
    public record MentionRow(long id, String account, String ref, String kind, String author, String text, Instant postedAt,
                             String state, Long ticketId, String ticketNumber, String answer) {
    }

    public List<AccountRow> accounts() {
        return store.accounts().stream().map(SocialDesk::row).toList();
    }

    private static AccountRow row(SocialAccount a) {
        return new AccountRow(a.id(), a.code(), a.platform(), a.name(), a.appId(), SocialAccount.hint(a.appSecret()),
                SocialAccount.hint(a.token()), SocialAccount.hint(a.aesKey()), SocialAccount.hint(a.accessToken()),
                a.teamId(), a.category(), a.enabled(),
                "/api/v1/hooks/" + a.platform().name().toLowerCase(java.util.Locale.ROOT) + "/" + a.code());
    }

    @Transactional
    public AccountRow addAccount(AccountForm f, CurrentUser by) {
        String code = f.code() == null ? "" : f.code().strip().toLowerCase(java.util.Locale.ROOT);
        List<KeptException.Field> wrong = new ArrayList<>();
        if (!CODE.matcher(code).matches()) {
            wrong.add(new KeptException.Field("code", "social.account.code"));
        } else if (f.platform() != null && store.codeTaken(f.platform(), code)) {
            wrong.add(new KeptException.Field("code", "social.account.codeTaken"));
        }
        if (f.platform() != Channel.WECHAT && f.platform() != Channel.WEIBO) {
            wrong.add(new KeptException.Field("platform", "social.account.platform"));
        }
        SocialAccount a = new SocialAccount(0, code, f.platform(), blank(f.name()), blank(f.appId()), blank(f.appSecret()),
                blank(f.token()), blank(f.aesKey()), blank(f.accessToken()), f.teamId(), blank(f.category()),
                !Boolean.FALSE.equals(f.enabled()));
        String queue = blank(f.routingQueue()) != null ? blank(f.routingQueue())
                : a.platform() == null ? null : a.platform().name().toLowerCase(java.util.Locale.ROOT);
        if (blank(f.routingQueue()) != null && !routing.hasQueue(queue)) {
            wrong.add(new KeptException.Field("routingQueue", "social.account.routingQueue"));
        }
        check(a, wrong);
        long id = store.addAccount(a, clock.instant());
        // without a queue of its own, an account's conversations go to its platform's default queue when there is one
        store.routeTo(id, routing.hasQueue(queue) ? queue : null);
        events.publishEvent(new SocialChanged(by.username(), "social.account.create", "social-account:" + id,
                a.platform() + " " + code + " team " + a.teamId()));
        return row(store.account(id).orElseThrow());
    }

    @Transactional
    public AccountRow changeAccount(long id, AccountForm f, CurrentUser by) {
        SocialAccount old = store.account(id).orElseThrow(() -> KeptException.notFound("social account", id));
        SocialAccount a = new SocialAccount(id, old.code(), old.platform(), blank(f.name()), blank(f.appId()),
                keep(f.appSecret(), old.appSecret()), keep(f.token(), old.token()), keep(f.aesKey(), old.aesKey()),
                keep(f.accessToken(), old.accessToken()), f.teamId(), blank(f.category()), !Boolean.FALSE.equals(f.enabled()));
        List<KeptException.Field> wrongQueue = new ArrayList<>();
        if (blank(f.routingQueue()) != null && !routing.hasQueue(blank(f.routingQueue()))) {
            wrongQueue.add(new KeptException.Field("routingQueue", "social.account.routingQueue"));
        }
        check(a, wrongQueue);
        store.updateAccount(a);
        if (blank(f.routingQueue()) != null) {
            store.routeTo(id, blank(f.routingQueue()));
        }
        List<String> changed = new ArrayList<>();
        if (!a.appSecret().equals(old.appSecret())) {
            changed.add("secret");
        }
        if (!java.util.Objects.equals(a.token(), old.token())) {
            changed.add("token");
        }
        if (!java.util.Objects.equals(a.aesKey(), old.aesKey())) {
            changed.add("aesKey");
        }
        if (!java.util.Objects.equals(a.accessToken(), old.accessToken())) {
            changed.add("accessToken");
        }
        events.publishEvent(new SocialChanged(by.username(), "social.account.update", "social-account:" + id,
                "team " + old.teamId() + " -> " + a.teamId() + ", enabled " + a.enabled()
                        + (changed.isEmpty() ? "" : ", new " + String.join(", ", changed))));
        return row(store.account(id).orElseThrow());
    }

    private static void check(SocialAccount a, List<KeptException.Field> wrong) {
        if (a.name() == null) {
            wrong.add(new KeptException.Field("name", "social.account.name"));
        }
        if (a.appId() == null) {
            wrong.add(new KeptException.Field("appId", "social.account.appId"));
        }
        if (a.appSecret() == null) {
            wrong.add(new KeptException.Field("appSecret", "social.account.appSecret"));
        }
        if (a.platform() == Channel.WECHAT && a.token() == null) {
            wrong.add(new KeptException.Field("token", "social.account.token"));
        }
        if (a.platform() == Channel.WECHAT && a.aesKey() != null && !a.aesKey().matches("^[A-Za-z0-9+/]{43}$")) {
            wrong.add(new KeptException.Field("aesKey", "social.account.aesKey"));
        }
        if (a.platform() == Channel.WEIBO && a.accessToken() == null) {
            wrong.add(new KeptException.Field("accessToken", "social.account.accessToken"));
        }
        if (!wrong.isEmpty()) {
            throw KeptException.invalid(wrong);
        }
    }

    /** The reply window of the ticket's conversation, if it came from a social platform. */
    public Optional<ReplyWindow> window(long ticketId) {
        return out.window(ticketId);
    }

    /** Mentions of the reader's team's accounts (all accounts for those who assign any ticket), open first. */
    public List<MentionRow> mentions(CurrentUser reader, boolean openOnly) {
        Long team = reader.can(Permission.TICKET_ASSIGN_ANY) ? null : reader.teamId();
        if (team == null && !reader.can(Permission.TICKET_ASSIGN_ANY)) {
            return List.of();
        }
        List<SocialStore.Mention> found = store.mentions(team, openOnly, 200);
        var numbers = tickets.summaries(found.stream().map(SocialStore.Mention::ticketId).filter(java.util.Objects::nonNull).toList());
        boolean full = reader.seesPersonalData();
        return found.stream().map(m -> new MentionRow(m.id(), m.accountName(), m.ref(), m.kind(),
                SocialMasking.ref(m.authorRef(), full), full ? m.text() : Masking.inText(m.text()), m.postedAt(), m.state(),
                m.ticketId(), m.ticketId() == null || numbers.get(m.ticketId()) == null ? null : numbers.get(m.ticketId()).number(),
                m.answer())).toList();
    }

    /** Answers a mention in public (a comment on the status it is in), once. */
    @Transactional
    public void answerMention(long id, String text, CurrentUser by) {
        SocialStore.Mention m = mention(id, by);
        String answer = text == null ? "" : text.strip();
        if (answer.isEmpty() || answer.length() > 140) {
            throw KeptException.invalid("social.mention.answer");
        }
        if (!store.handleMention(id, "ANSWERED", null, answer, by.id(), clock.instant())) {
            throw KeptException.conflict("social.mention.handled");
        }
        out.comment(store.account(m.accountId()).orElseThrow(), m.ref(), answer);
        events.publishEvent(new SocialChanged(by.username(), "social.mention.answer", "social-mention:" + id, answer.length() + " chars"));
    }

    /** Turns a mention into a ticket of its author (the follower's customer), for the account's team; once. */
    @Transactional
    public TicketView mentionToTicket(long id, CurrentUser by) {
        SocialStore.Mention m = mention(id, by);
        SocialAccount a = store.account(m.accountId()).orElseThrow();
        long customerId = store.follower(a.id(), m.authorRef()).map(SocialStore.Follower::customerId).orElseGet(() -> {
            long c = customers.create(new NewCustomer("微博用户 " + SocialMasking.ref(m.authorRef()), null, null, List.of(),
                    List.of()), by.username()).id();
            store.addFollower(a.id(), m.authorRef(), c, clock.instant());
            return c;
        });
        String text = m.text() == null || m.text().isBlank() ? "@" + a.name() : m.text();
        TicketView t = tickets.create(new NewTicket(TicketType.INQUIRY, a.category(), Channel.WEIBO, null,
                Masking.cut(text.replaceAll("\\s+", " "), 60), text, null, null, null, null, customerId, a.teamId(), null),
                by, null).ticket();
        if (!store.handleMention(id, "TICKET", t.id(), null, by.id(), clock.instant())) {
            throw KeptException.conflict("social.mention.handled");
        }
        events.publishEvent(new SocialChanged(by.username(), "social.mention.ticket", "social-mention:" + id, "ticket:" + t.number()));
        return t;
    }

    private SocialStore.Mention mention(long id, CurrentUser by) {
        SocialStore.Mention m = store.mention(id).orElseThrow(() -> KeptException.notFound("mention", id));
        SocialAccount a = store.account(m.accountId()).orElseThrow();
        if (!by.can(Permission.TICKET_ASSIGN_ANY) && (by.teamId() == null || !by.teamId().equals(a.teamId()))) {
            throw KeptException.forbidden("social.mention.notYourTeam");
        }
        if (!"OPEN".equals(m.state())) {
            throw KeptException.conflict("social.mention.handled");
        }
        return m;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String keep(String typed, String stored) {
        return typed == null || typed.isBlank() ? stored : typed.strip();
    }
}
