package org.kept.contact.internal;

import java.time.Clock;
import org.kept.contact.Outbox;
import org.kept.contact.OutboxMessage;
import org.kept.shared.KeptException;
import org.kept.ticket.Channel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes outgoing messages in the caller's transaction; {@link OutboxWorker} sends them after the commit. */
@Service
class OutboxDesk implements Outbox {

    private final OutboxStore store;
    private final Clock clock;

    OutboxDesk(OutboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public long enqueue(Channel channel, Long contactId, String payload) {
        return store.insert(channel, contactId, payload, clock.instant());
    }

    @Override
    public OutboxMessage get(long id) {
        return store.find(id).orElseThrow(() -> KeptException.notFound("outbox message", id));
    }
}
