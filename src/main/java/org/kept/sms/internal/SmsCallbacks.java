package org.kept.sms.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.NewContact;
import org.kept.customer.Customer;
import org.kept.customer.Customers;
import org.kept.customer.PhoneNumbers;
import org.kept.shared.KeptException;
import org.kept.shared.Sha256;
import org.kept.sms.SmsReceived;
import org.kept.ticket.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * What the providers call back with: delivery reports (状态报告) conclude the outbound contact, replies (上行短信)
 * become inbound contacts matched to the customer by number, each published once as {@link SmsReceived}.
 * Providers retry their callbacks; a report already applied and a reply already recorded change nothing.
 */
@Service
public class SmsCallbacks {

    private static final Logger log = LoggerFactory.getLogger(SmsCallbacks.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One report in either provider's shape. {@code outId} is our outbox key when the provider echoes it. */
    record Report(String providerId, String outId, boolean delivered, String error, Instant at) {
    }

    /** One reply in either provider's shape. */
    record Reply(String messageId, String from, String text, Instant at) {
    }

    private final SmsStore store;
    private final Contacts contacts;
    private final Customers customers;
    private final SmsActor actor;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SmsCallbacks(SmsStore store, Contacts contacts, Customers customers, SmsActor actor, ApplicationEventPublisher events,
                 Clock clock) {
        this.store = store;
        this.contacts = contacts;
        this.customers = customers;
        this.actor = actor;
        this.events = events;
        this.clock = clock;
    }

    /** Delivery reports; returns how many changed a message. Unknown or repeated ones are acknowledged and ignored. */
    @Transactional
    public int reports(String provider, JsonNode body) {
        List<Report> reports = switch (provider) {
            case "aliyun" -> each(body).stream().map(this::aliyunReport).toList();
            case "tencent" -> each(body).stream().map(this::tencentReport).toList();
            default -> throw KeptException.notFound("SMS provider", provider);
        };
        int changed = 0;
        for (Report r : reports) {
            Optional<SmsMessage> sms = outboxId(r.outId()).flatMap(store::byOutbox)
                    .or(() -> r.providerId() == null ? Optional.empty() : store.byProviderId(provider, r.providerId()));
            if (sms.isEmpty()) {
                log.debug("SMS report from {} for an unknown message {} ignored", provider, r.providerId());
                continue;
            }
            String state = r.delivered() ? "DELIVERED" : "FAILED";
            if (store.settled(sms.get().id(), state, r.delivered() ? null : r.error(), r.at())) {
                contacts.conclude(sms.get().contactId(), r.at(), state, r.delivered() ? null : r.error(), actor.get());
                changed++;
            }
        }
        return changed;
    }

    /** Customer replies; returns the contacts recorded for replies not seen before. */
    @Transactional
    public List<Long> replies(String provider, JsonNode body) {
        List<Reply> replies = switch (provider) {
            case "aliyun" -> each(body).stream().map(this::aliyunReply).toList();
            case "tencent" -> each(body).stream().map(this::tencentReply).toList();
            default -> throw KeptException.notFound("SMS provider", provider);
        };
        List<Long> recorded = new ArrayList<>();
        for (Reply r : replies) {
            if (!store.firstReply(provider, r.messageId(), clock.instant())) {
                continue;
            }
            Long customer = r.from() == null ? null : customers.byPhone(r.from()).map(Customer::id).orElse(null);
            Contact contact = contacts.record(new NewContact(Channel.SMS, Direction.INBOUND, provider + ":" + r.messageId(),
                    r.from(), customer, null, null, r.at(), r.text()), actor.get());
            store.replyContact(provider, r.messageId(), contact.id());
            events.publishEvent(new SmsReceived(contact.id(), r.from(), r.text(), customer, r.at()));
            recorded.add(contact.id());
        }
        return recorded;
    }

    private Report aliyunReport(JsonNode n) {
        boolean ok = n.path("success").asBoolean(false);
        String error = n.path("err_code").asString("") + " " + n.path("err_msg").asString("");
        return new Report(text(n, "biz_id"), text(n, "out_id"), ok, error.trim(), time(text(n, "report_time")));
    }

    private Report tencentReport(JsonNode n) {
        boolean ok = "SUCCESS".equalsIgnoreCase(n.path("report_status").asString(""));
        String error = n.path("errmsg").asString("") + " " + n.path("description").asString("");
        return new Report(text(n, "sid"), null, ok, error.trim(), time(text(n, "user_receive_time")));
    }

    private Reply aliyunReply(JsonNode n) {
        String from = PhoneNumbers.parse(text(n, "phone_number")).orElse(text(n, "phone_number"));
        String id = text(n, "sequence_id");
        String content = n.path("content").asString("");
        return new Reply(id != null ? id : digest(from + "|" + text(n, "send_time") + "|" + content), from, content,
                time(text(n, "send_time")));
    }

    private Reply tencentReply(JsonNode n) {
        String code = n.path("nationcode").asString("86");
        String mobile = n.path("mobile").asString("");
        String from = PhoneNumbers.parse("+" + code + mobile).orElse(mobile);
        String content = n.path("text").asString("");
        // Tencent's reply push carries no message id: the number, its time and the text stand for one
        String id = digest(from + "|" + n.path("time").asString("") + "|" + content);
        Instant at = n.path("time").canConvertToLong() ? Instant.ofEpochSecond(n.path("time").asLong()) : clock.instant();
        return new Reply(id, from, content, at);
    }

    private List<JsonNode> each(JsonNode body) {
        List<JsonNode> list = new ArrayList<>();
        if (body != null && body.isArray()) {
            body.forEach(list::add);
        } else if (body != null && body.isObject()) {
            list.add(body);
        }
        if (list.isEmpty()) {
            throw KeptException.invalid("error.sms.callback");
        }
        return list;
    }

    private static Optional<Long> outboxId(String outId) {
        if (outId == null || !outId.startsWith("kept-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(outId.substring(5)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() || v.asString("").isBlank() ? null : v.asString();
    }

    /** The providers write local Beijing time ({@code 2026-12-03 10:00:00}); anything else is now. */
    private Instant time(String local) {
        if (local != null) {
            try {
                return LocalDateTime.parse(local, LOCAL).atZone(CHINA).toInstant();
            } catch (java.time.format.DateTimeParseException ignored) {
                // fall through: a report without a readable time is still a report
            }
        }
        return clock.instant();
    }

    private static String digest(String s) {
        return Sha256.hex(s).substring(0, 32);
    }
}
