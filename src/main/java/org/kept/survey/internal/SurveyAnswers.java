package org.kept.survey.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kept.callback.Callbacks;
import org.kept.customer.Customers;
import org.kept.shared.Sha256;
import org.kept.sms.SmsReceived;
import org.kept.survey.SurveyAnswered;
import org.kept.survey.SurveyEntry;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer's answer, by SMS (matched by number to the latest open survey) or by the one-time link (its token). The
 * first answer is final. "4 问题未解决" reopens the ticket (its SLA clocks run again: the sla module resumes them on the
 * reopening) and asks for a callback; "3 对服务态度不满意" asks the team for a callback flagged for its lead.
 */
@Component
public class SurveyAnswers {

    private static final Logger log = LoggerFactory.getLogger(SurveyAnswers.class);
    /** How long a sign-in address counts as a staff member's network. */
    private static final Duration STAFF_WINDOW = Duration.ofDays(30);

    /** What became of an answer given through the link. */
    public enum Result { ANSWERED, ALREADY_ANSWERED, EXPIRED, UNKNOWN }

    private final SurveyStore store;
    private final Tickets tickets;
    private final Customers customers;
    private final Callbacks callbacks;
    private final SurveyActor actor;
    private final SurveySettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    SurveyAnswers(SurveyStore store, Tickets tickets, Customers customers, Callbacks callbacks,
                  SurveyActor actor, SurveySettings settings, ApplicationEventPublisher events,
                  PlatformTransactionManager txManager, Clock clock) {
        this.store = store;
        this.tickets = tickets;
        this.customers = customers;
        this.callbacks = callbacks;
        this.actor = actor;
        this.settings = settings;
        this.events = events;
        this.tx = new TransactionTemplate(txManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * After the SMS module committed the reply (so a failure here never loses the customer's message), in a
     * transaction of its own. A text that is not a menu choice is an ordinary message and is left alone.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(SmsReceived reply) {
        Integer choice = choice(reply.text());
        if (choice == null || reply.fromE164() == null) {
            return;
        }
        Instant at = reply.at() != null ? reply.at() : clock.instant();
        try {
            tx.executeWithoutResult(s -> store.latestOpenSms(reply.fromE164(), at)
                    .ifPresent(survey -> answer(survey, choice, at, null)));
        } catch (RuntimeException e) {
            log.error("Survey answer by SMS contact {} could not be applied", reply.contactId(), e);
        }
    }

    /** The survey behind a link, if the token is one. */
    public Optional<SurveyStore.Survey> byToken(String token) {
        return token == null || token.isBlank() || token.length() > 100 ? Optional.empty()
                : store.byTokenHash(Sha256.hex(token));
    }

    /** An answer through the one-time link; {@code remote} is the client's address (for the staff-network signal). */
    public Result answerLink(String token, int choice, String remote) {
        if (choice < 1 || choice > 4) {
            throw new IllegalArgumentException("choice " + choice);
        }
        Instant now = clock.instant();
        return tx.execute(s -> {
            SurveyStore.Survey survey = byToken(token).orElse(null);
            if (survey == null) {
                return Result.UNKNOWN;
            }
            if ("ANSWERED".equals(survey.state())) {
                return Result.ALREADY_ANSWERED;
            }
            if (!"SENT".equals(survey.state()) || !survey.expiresAt().isAfter(now)) {
                return Result.EXPIRED;
            }
            if (!answer(survey, choice, now, remote)) {
                return Result.ALREADY_ANSWERED;
            }
            return Result.ANSWERED;
        });
    }

    private boolean answer(SurveyStore.Survey survey, int choice, Instant at, String remote) {
        if (!store.markAnswered(survey.id(), choice, at)) {
            return false;
        }
        if (remote != null) {
            List<Long> staff = store.staffAt(remote, at.minus(STAFF_WINDOW));
            if (!staff.isEmpty()) {
                // an office network may carry hundreds of staff: the count and the first few are enough to look into it
                store.signal(survey.id(), Signal.STAFF_NETWORK, staff.size() + " staff, e.g. "
                        + staff.subList(0, Math.min(10, staff.size())), at);
            }
        }
        tickets.annotate(survey.ticketId(), new SurveyEntry.Answered(survey.id(), survey.channel(), choice), actor.get());
        events.publishEvent(new SurveyAnswered(survey.id(), survey.ticketId(), survey.teamId(), survey.agentId(), choice));
        if (choice == 4) {
            TicketView ticket = tickets.get(survey.ticketId());
            if (ticket.state() == TicketState.RESOLVED || ticket.state() == TicketState.CLOSED) {
                tickets.transition(ticket.id(), TicketState.OPEN, ticket.version(), actor.get());
            }
            callback(Callbacks.Reason.SURVEY_NOT_SOLVED, survey, ticket, at, "survey.callback.notSolved");
        } else if (choice == 3) {
            callback(Callbacks.Reason.SURVEY_UNHAPPY, survey, tickets.get(survey.ticketId()), at,
                    "survey.callback.unhappy");
        }
        return true;
    }

    private void callback(Callbacks.Reason reason, SurveyStore.Survey survey, TicketView ticket, Instant at, String note) {
        String number = "SMS".equals(survey.channel()) ? survey.address()
                : ticket.contactPhone() != null ? ticket.contactPhone()
                : customers.find(survey.customerId()).map(c -> c.primaryPhone()).orElse(null);
        callbacks.request(new Callbacks.CallbackRequest(reason, ticket.id(), survey.customerId(), number, ticket.teamId(),
                at.plus(settings.callbackWithin), org.kept.shared.LocalText.of(note, ticket.number()).stored()));
    }

    /** "1", " ４ ", "4 没解决" → the choice; anything else (an ordinary message) → null. */
    static Integer choice(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        int c = t.codePointAt(0);
        int digit = c >= '１' && c <= '９' ? c - '１' + 1 : c >= '1' && c <= '9' ? c - '0' : -1;
        if (digit < 1 || digit > 4) {
            return null;
        }
        int next = t.offsetByCodePoints(0, 1);
        if (next < t.length() && Character.isDigit(t.codePointAt(next))) {
            return null; // "12" or "400" is not a menu choice
        }
        return digit;
    }
}
