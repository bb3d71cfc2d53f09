package org.kept.survey.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.kept.mail.Mails;
import org.kept.customer.Customer;
import org.kept.customer.Customers;
import org.kept.shared.Sha256;
import org.kept.sms.Sms;
import org.kept.ticket.Channel;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.context.MessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the surveys whose time has come, each in its own transaction (the SMS or mail joins it through the contact
 * outbox, so a survey is marked sent exactly when its message is queued), and expires the unanswered ones. The channel
 * follows the customer's: a call or an SMS gets the 1–4 menu by SMS, any other a one-time link.
 */
@Component
public class SurveySender {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** How far back a shared number or address counts. */
    private static final Duration SHARED_WINDOW = Duration.ofDays(90);

    private final SurveyStore store;
    private final Tickets tickets;
    private final Customers customers;
    private final Sms sender;
    private final Mails mailer;
    private final MessageSource messages;
    private final SurveySettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean enabled;

    SurveySender(SurveyStore store, Tickets tickets, Customers customers, Sms sender,
                 Mails mailer, MessageSource messages, SurveySettings settings,
                 PlatformTransactionManager txManager, Clock clock,
                 @Value("${kept.survey.poller-enabled:true}") boolean enabled) {
        this.store = store;
        this.tickets = tickets;
        this.customers = customers;
        this.sender = sender;
        this.mailer = mailer;
        this.messages = messages;
        this.settings = settings;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${kept.survey.poll-interval:PT30S}", initialDelayString = "${kept.survey.poll-delay:PT20S}")
    void poll() {
        if (!enabled) {
            return;
        }
        // a failure goes to the scheduler's error handler (one line per database outage); the next poll retries
        runDue(clock.instant(), null);
    }

    /** Sends what is due at {@code now} (only these tickets' surveys when given) and expires the overdue; returns sent. */
    public int runDue(Instant now, Collection<Long> onlyTickets) {
        tx.executeWithoutResult(s -> store.expire(now));
        int sent = 0;
        for (long id : store.due(now, onlyTickets, 200)) {
            Boolean done = tx.execute(s -> send(id, now));
            sent += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return sent;
    }

    private boolean send(long id, Instant now) {
        SurveyStore.Survey survey = store.find(id).orElse(null);
        if (survey == null || !"SCHEDULED".equals(survey.state())) {
            return false;
        }
        TicketView ticket = tickets.get(survey.ticketId());
        if (ticket.state() != TicketState.RESOLVED && ticket.state() != TicketState.CLOSED) {
            store.hold(ticket.id());
            return false;
        }
        if (store.sentSince(survey.customerId(), now.minus(settings.customerCap))) {
            store.markSkipped(id, "CAP");
            return false;
        }
        Customer customer = customers.get(survey.customerId());
        String phone = ticket.contactPhone() != null && !ticket.contactPhone().isBlank() ? ticket.contactPhone()
                : customer.primaryPhone();
        String email = customer.primaryEmail();
        boolean menu = (ticket.channel() == Channel.PHONE || ticket.channel() == Channel.SMS) && phone != null;
        if (email != null && !mailer.canReach(ticket.id(), email)) {
            email = null; // no mailbox, or the address bounces: the link goes by SMS
        }
        if (email == null && phone == null) {
            store.markSkipped(id, "NO_ADDRESS");
            return false;
        }
        if (menu) {
            if (!store.markSent(id, "SMS", phone, null, now, now.plus(settings.expiry))) {
                return false;
            }
            store.contact(id, sender.send(new Sms.SmsRequest(phone, settings.smsTemplate,
                    Map.of("ticket", ticket.number()), survey.customerId(), ticket.id())));
            signals(id, survey.customerId(), customer, phone, now);
            return true;
        }
        String token = token();
        String link = settings.linkBase + "/s/" + token;
        String address = email != null ? email : phone;
        if (!store.markSent(id, "LINK", address, Sha256.hex(token), now, now.plus(settings.expiry))) {
            return false;
        }
        if (email != null) {
            Locale locale = customers.preferredLocale(survey.customerId());
            mailer.notice(ticket.id(), email, messages.getMessage("survey.mail.subject", null, locale),
                    messages.getMessage("survey.mail.body", new Object[] {ticket.number(), link}, locale));
        } else {
            store.contact(id, sender.send(new Sms.SmsRequest(phone, settings.linkSmsTemplate,
                    Map.of("ticket", ticket.number(), "link", link), survey.customerId(), ticket.id())));
        }
        signals(id, survey.customerId(), customer, address, now);
        return true;
    }

    /** Signals known when it leaves: where it went is not the customer's own, or was changed just before. */
    private void signals(long id, long customerId, Customer customer, String address, Instant now) {
        boolean theirs = customer.phones().contains(address) || customer.emails().contains(address);
        if (!theirs || store.contactChangedSince(customerId, now.minus(settings.contactChangeWindow))) {
            store.signal(id, Signal.CONTACT_CHANGED, theirs ? "changed" : "not the customer's", now);
        }
        if (store.otherCustomersAt(address, customerId, now.minus(SHARED_WINDOW)) > 0) {
            store.signal(id, Signal.SHARED_ADDRESS, null, now);
        }
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
