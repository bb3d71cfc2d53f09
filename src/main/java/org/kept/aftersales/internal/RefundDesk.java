package org.kept.aftersales.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kept.authority.Authorities;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.shared.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds exactly once. A refund is a row (REQUESTED) committed with its amount counted against the line before any
 * provider hears of it; then the provider is asked with our refund number as its idempotency key; its answer, its
 * notification or our query moves the row on. Every move is a version-checked save of the {@link Refund} aggregate,
 * and a refund that moved nothing gives its amount back in the same transaction, once.
 */
@Component
public class RefundDesk {

    private static final Logger log = LoggerFactory.getLogger(RefundDesk.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final RefundStore store;
    private final OrderDesk orders;
    private final Map<String, RefundProvider> providers;
    private final AftersalesSettings settings;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final SecureRandom random = new SecureRandom();
    private final Authorities authority;
    private final CaseStore cases;
    private final AftersalesTrail trail;

    RefundDesk(RefundStore store, OrderDesk orders, List<RefundProvider> providers, AftersalesSettings settings,
               Clock clock, PlatformTransactionManager transactions, Authorities authority, CaseStore cases,
               AftersalesTrail trail) {
        this.authority = authority;
        this.cases = cases;
        this.trail = trail;
        this.store = store;
        this.orders = orders;
        this.providers = providers.stream().collect(Collectors.toMap(RefundProvider::code, Function.identity()));
        this.settings = settings;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * What the agent asks for: an amount of one order line, paid by one payment (the order's first by default), on a
     * ticket (the case's when not given). {@code goodwill}: a refund as a gesture (补偿性退款) rather than for goods,
     * counted against the goodwill action's limits; {@code evidence} is needed above the limit.
     */
    public record RefundRequest(long lineId, Money amount, Long paymentId, Long caseId, String reason, Long ticketId,
                                String evidence, boolean goodwill) {

        public RefundRequest(long lineId, Money amount, Long paymentId, Long caseId, String reason) {
            this(lineId, amount, paymentId, caseId, reason, null, null, false);
        }
    }

    /**
     * The refund's id, whether this request made it (false: a request for the same case and line was open), and
     * whether it may be submitted now (false: it waits for an exception request, or was not made here).
     */
    public record Requested(long id, boolean created, boolean submittable) {
    }

    /**
     * Makes the refund row and counts its amount against the line, in the caller's transaction. Refused (409) when
     * the line's paid amount would be exceeded; for a case, an open or succeeded refund of the same line is returned
     * instead of a second one (two agents, a double click).
     */
    public Requested create(RefundRequest r, CurrentUser by) {
        if (!r.amount().isPositive()) {
            throw KeptException.invalid("refund.amount.invalid", r.amount().decimal());
        }
        OrderView order = orders.ofLine(r.lineId());
        OrderView.Line line = order.line(r.lineId());
        if (!line.paid().currency().equals(r.amount().currency())) {
            throw KeptException.invalid("refund.currency", r.amount().currency(), line.paid().currency());
        }
        OrderView.Payment payment = (r.paymentId() == null
                ? order.payments().stream().findFirst()
                : order.payments().stream().filter(p -> p.id() == r.paymentId()).findFirst())
                .orElseThrow(() -> KeptException.invalid("refund.payment.none", order.orderNo()));
        if (!providers.containsKey(payment.provider())) {
            throw KeptException.invalid("refund.provider.unknown", payment.provider());
        }
        Long ticketId = r.ticketId();
        if (r.caseId() != null) {
            if (!store.lockCase(r.caseId())) {
                throw KeptException.notFound("case", r.caseId());
            }
            Optional<Refund> open = store.activeOfCase(r.caseId(), r.lineId());
            if (open.isPresent()) {
                return new Requested(open.get().id(), false, false);
            }
            if (ticketId == null) {
                ticketId = cases.get(r.caseId()).map(AftersalesCase::ticketId).orElse(null);
            }
        }
        if (by != null && ticketId == null) {
            // the authority limits are counted per ticket (and its customer): a person's refund names one
            throw KeptException.invalid(List.of(new KeptException.Field("ticketId", "refund.ticket.required")));
        }
        if (!store.reserve(r.lineId(), r.amount().minor())) {
            Money left = line.paid().minus(line.refunded());
            throw KeptException.conflict("refund.exceedsPaid", r.amount().decimal(), left.decimal());
        }
        Instant now = clock.instant();
        String refundNo = refundNo(now);
        RefundStore.Authority asked = RefundStore.Authority.NOT_ASKED;
        if (by != null) {
            // in this transaction: a refusal (no evidence above the limit, nobody to approve) gives the amount back too
            Authorities.Answer answer = authority.grantOrRequest(new Authorities.Ask(ticketId,
                    r.goodwill() ? settings.goodwillAction() : settings.refundAction(), r.amount(),
                    r.reason() == null || r.reason().isBlank() ? "退款 Refund " + order.orderNo() + " " + refundNo : r.reason(),
                    r.evidence()), by);
            asked = new RefundStore.Authority(answer.grantId(), answer.requestId());
        }
        long id = store.insert(refundNo, r.caseId(), order.id(), r.lineId(), payment.id(), payment.provider(),
                r.amount(), r.reason(), by == null ? null : by.id(), now, now.plus(settings.lease()), ticketId, asked);
        Refund made = get(id);
        trail.refund(made, null, by);
        return new Requested(id, true, made.state() == RefundState.REQUESTED);
    }

    /**
     * The exception request a refund waited for ended (in the transaction that ended it): approved, the refund is due
     * a submit at once (the worker's next round, or {@link #submit} right after the commit); otherwise it is CLOSED and
     * its amount is free again. A request no refund waits for is someone else's.
     */
    public void authorityEnded(long requestId, boolean approved, String state) {
        Optional<Refund> waiting = store.byAuthorityRequest(requestId);
        if (waiting.isEmpty() || waiting.get().state() != RefundState.AWAITING_APPROVAL) {
            return;
        }
        Refund r = waiting.get();
        Instant now = clock.instant();
        if (approved) {
            r.approved();
        } else {
            r.refused(state, now);
        }
        if (!store.save(r, approved ? now : null)) {
            throw KeptException.conflict("refund.busy", r.id());
        }
        if (!approved) {
            store.release(r.lineId(), r.amount().minor());
        }
        trail.refund(r, RefundState.AWAITING_APPROVAL, null);
    }

    /** {@link #create} in its own transaction, then the provider is asked at once. */
    public Refund request(RefundRequest r, CurrentUser by) {
        Requested made = tx.execute(s -> create(r, by));
        if (made.submittable()) {
            submit(made.id());
        }
        return get(made.id());
    }

    /**
     * Asks the provider for a refund this instance holds (just made, or leased by the worker). Repeating it is safe:
     * the provider refunds one refund number once.
     */
    public void submit(long id) {
        Refund r = get(id);
        if (r.state() != RefundState.REQUESTED) {
            return;
        }
        ProviderAnswer answer = provider(r).submit(order(r));
        settle(id, answer);
    }

    /** Asks the provider how a refund stands; one it never heard of is sent again under the same number. */
    void check(long id) {
        Refund r = get(id);
        if (r.state() == RefundState.REQUESTED) {
            submit(id);
            return;
        }
        if (r.state() != RefundState.PROCESSING) {
            return;
        }
        ProviderAnswer answer = provider(r).query(order(r));
        if (answer.state() == RefundState.REQUESTED) {
            log.info("refund {}: {} has no refund under this number; sent again", r.refundNo(), r.provider());
            settle(id, provider(r).submit(order(r)));
            return;
        }
        settle(id, answer);
    }

    /** A provider's notification: verified by the adapter; an unknown refund number is acknowledged and ignored. */
    public Optional<Boolean> notification(String providerCode, Map<String, String> headers, String body) {
        RefundProvider provider = providers.get(providerCode.toUpperCase(java.util.Locale.ROOT));
        if (provider == null) {
            return Optional.empty();
        }
        Optional<ProviderAnswer> answer = provider.notification(headers, body);
        if (answer.isEmpty()) {
            return Optional.of(false);
        }
        store.byNumber(answer.get().refundNo()).filter(r -> r.provider().equals(provider.code()))
                .ifPresentOrElse(r -> settle(r.id(), answer.get()),
                        () -> log.warn("refund notification for unknown refund {}", answer.get().refundNo()));
        return Optional.of(true);
    }

    public String acknowledge(String providerCode, boolean taken) {
        RefundProvider provider = providers.get(providerCode.toUpperCase(java.util.Locale.ROOT));
        return provider == null ? "" : provider.acknowledge(taken);
    }

    /** Applies an answer: a version-checked save, retried on a concurrent one; the amount is given back once. */
    void settle(long id, ProviderAnswer answer) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Boolean saved = tx.execute(s -> {
                Refund r = get(id);
                RefundState before = r.state();
                Instant now = clock.instant();
                boolean changed;
                try {
                    changed = r.apply(answer, now);
                } catch (KeptException contradiction) {
                    log.warn("refund {} is {}; {} now says {} ({}): left for reconciliation", r.refundNo(), before,
                            r.provider(), answer.state(), answer.detail());
                    return true;
                }
                if (!changed) {
                    if (r.state().isFinal()) {
                        return true;
                    }
                    r.tried(answer.detail());
                }
                Instant next = switch (r.state()) {
                    case REQUESTED -> now.plus(backoff(r.attempts()));
                    case PROCESSING -> changed ? now.plus(settings.queryAfter()) : now.plus(backoff(r.attempts()));
                    default -> null;
                };
                if (!store.save(r, next)) {
                    s.setRollbackOnly();
                    return false;
                }
                if (before.holdsAmount() && !r.state().holdsAmount()) {
                    store.release(r.lineId(), r.amount().minor());
                }
                if (r.state() != before) {
                    trail.refund(r, before, null);
                }
                return true;
            });
            if (Boolean.TRUE.equals(saved)) {
                return;
            }
        }
        throw KeptException.conflict("refund.busy", id);
    }

    private Duration backoff(int attempts) {
        Duration d = settings.lease().multipliedBy(1L << Math.min(attempts, 10));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    public Refund get(long id) {
        return store.get(id).orElseThrow(() -> KeptException.notFound("refund", id));
    }

    public Optional<Refund> byNumber(String refundNo) {
        return store.byNumber(refundNo);
    }

    public List<Refund> ofOrder(long orderId) {
        return store.ofOrder(orderId);
    }

    public List<Refund> ofCase(long caseId) {
        return store.ofCase(caseId);
    }

    /** The refunds due a submit or a query, for the worker. */
    List<Long> due(Instant now, int limit) {
        return store.due(now, limit);
    }

    boolean lease(long id, Instant now) {
        return store.lease(id, now, now.plus(settings.lease()));
    }

    private RefundProvider provider(Refund r) {
        RefundProvider p = providers.get(r.provider());
        if (p == null) {
            throw KeptException.invalid("refund.provider.unknown", r.provider());
        }
        return p;
    }

    private RefundProvider.RefundOrder order(Refund r) {
        OrderView o = orders.get(r.orderId());
        OrderView.Payment p = o.payments().stream().filter(x -> x.id() == r.paymentId()).findFirst().orElseThrow();
        return new RefundProvider.RefundOrder(r.refundNo(), o.orderNo(), p.transactionId(), r.amount().minor(),
                p.amount().minor(), r.amount().currency(), r.reason());
    }

    /** Our refund number: ≤ 64 characters of [0-9A-Z] as both providers accept, unique by the table's constraint. */
    private String refundNo(Instant now) {
        StringBuilder b = new StringBuilder("KR").append(DAY.format(now));
        for (int i = 0; i < 14; i++) {
            b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }
}
