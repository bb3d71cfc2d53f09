package org.kept.callback.internal;

import org.kept.contact.OutboundSender;
import org.kept.contact.OutboxMessage;
import org.kept.ticket.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The PHONE sender for a centre without a PBX connection (and the demo): an originate is logged and counted as sent,
 * so the outbox shows what would have been dialled and the agent dials by hand. A PBX adapter that sends originates
 * replaces it with {@code kept.callback.record-originates=false}.
 */
@Component
@ConditionalOnProperty(name = "kept.callback.record-originates", havingValue = "true", matchIfMissing = true)
class RecordedOriginates implements OutboundSender {

    private static final Logger log = LoggerFactory.getLogger(RecordedOriginates.class);

    @Override
    public Channel channel() {
        return Channel.PHONE;
    }

    @Override
    public String send(OutboxMessage message) {
        log.info("No PBX configured: originate {} recorded, not dialled", message.key());
        return "recorded-" + message.key();
    }
}
