package org.kept.phone.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kept.contact.Contacts;
import org.kept.contact.HistoricContact;
import org.kept.contact.NewContact;
import org.kept.phone.CallHistory;
import org.kept.phone.HistoricCall;
import org.kept.ticket.Channel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writes historic calls and their contacts in batches, with the outcome the live events would have given them. */
@Service
class CallHistoryImport implements CallHistory {

    private final CallStore calls;
    private final IntegrationStore integrations;
    private final Contacts contacts;
    private final Clock clock;

    CallHistoryImport(CallStore calls, IntegrationStore integrations, Contacts contacts, Clock clock) {
        this.calls = calls;
        this.integrations = integrations;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    @Transactional
    public int importRecords(String integration, List<HistoricCall> history) {
        long pbx = integrations.named(integration).orElseGet(() -> integrations.create(integration, clock.instant())).id();
        List<CallFacts> facts = history.stream().map(CallHistoryImport::facts).toList();
        List<HistoricContact> made = new ArrayList<>(history.size());
        for (int i = 0; i < history.size(); i++) {
            HistoricCall c = history.get(i);
            made.add(new HistoricContact(new NewContact(Channel.PHONE, c.direction(), "cti:" + pbx + ":" + c.callId(),
                    c.number(), c.customerId(), null, c.answeredAt() == null ? null : c.agentId(), c.startedAt(), c.queue()),
                    c.endedAt(), facts.get(i).outcome(c.direction())));
        }
        List<Long> contactIds = contacts.importAll(made);
        return calls.insertAll(pbx, history, facts, contactIds);
    }

    /** The facts a live call with these times would have: queue until the agent's phone rang, then ringing, then talk. */
    static CallFacts facts(HistoricCall c) {
        Integer wait = seconds(c.startedAt(), c.answeredAt() == null ? c.endedAt() : c.answeredAt());
        Integer ring = c.answeredAt() == null ? null : Math.min(c.ringSeconds(), wait);
        Integer queue = ring == null ? wait : wait - ring;
        Integer talk = c.answeredAt() == null ? null : Math.max(0, seconds(c.answeredAt(), c.endedAt()) - c.holdSeconds());
        return new CallFacts("ENDED", c.startedAt(), null, c.answeredAt(), c.endedAt(), c.queue(), c.agentRef(), queue,
                ring, wait, talk, c.holdSeconds(), c.cause(), c.hungUpBy(), 0, null, null);
    }

    private static int seconds(java.time.Instant from, java.time.Instant to) {
        return (int) Math.max(0, Duration.between(from, to).toSeconds());
    }
}
