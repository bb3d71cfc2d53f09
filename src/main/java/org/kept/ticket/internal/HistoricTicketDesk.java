package org.kept.ticket.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.UserView;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.kept.ticket.HistoricTicket;
import org.kept.ticket.NewTicket;
import org.kept.ticket.TicketChange;
import org.kept.ticket.TicketImport;
import org.kept.ticket.TicketView;
import org.kept.ticket.TicketsImported;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports tickets with their own history: each is checked as a new ticket is, numbered by the centre day it was
 * recorded (counters taken per day in one reservation, so live numbering of the same day never collides), and stored
 * with its timeline. No {@code TicketChanged} is published: an imported ticket happened before and nothing should
 * react to it as to a new one.
 */
@Service
class HistoricTicketDesk implements TicketImport {

    private final TicketDesk desk;
    private final TicketStore store;
    private final TicketNumbers numbers;
    private final Directory directory;
    private final ApplicationEventPublisher events;
    private final CentreZone zone;
    private final Clock clock;

    HistoricTicketDesk(TicketDesk desk, TicketStore store, TicketNumbers numbers, Directory directory,
                       ApplicationEventPublisher events, CentreZone zone, Clock clock) {
        this.desk = desk;
        this.store = store;
        this.numbers = numbers;
        this.directory = directory;
        this.events = events;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    @Transactional
    public List<Long> importHistoric(List<HistoricTicket> tickets, CurrentUser by) {
        Instant now = clock.instant();
        List<NewTicket> checked = new ArrayList<>(tickets.size());
        Map<String, List<Integer>> perDay = new TreeMap<>();
        for (int i = 0; i < tickets.size(); i++) {
            HistoricTicket h = tickets.get(i);
            if (h.state() == null || h.createdAt() == null || h.createdAt().isAfter(now)
                    || (h.updatedAt() != null && h.updatedAt().isBefore(h.createdAt()))) {
                throw KeptException.invalid("error.ticket.import.time", String.valueOf(i + 1));
            }
            checked.add(desk.validated(h.ticket(), by));
            perDay.computeIfAbsent(TicketNumbers.day(LocalDate.ofInstant(h.createdAt(), zone.zone())), d -> new ArrayList<>()).add(i);
        }
        String[] assigned = new String[tickets.size()];
        perDay.forEach((day, indexes) -> {
            indexes.sort(Comparator.comparing(i -> tickets.get(i).createdAt()));
            int counter = numbers.reserve(day, indexes.size());
            for (int i : indexes) {
                assigned[i] = TicketNumbers.number(day, counter++);
            }
        });
        Map<Long, String> names = new HashMap<>();
        List<Long> ids = new ArrayList<>(tickets.size());
        for (int i = 0; i < tickets.size(); i++) {
            HistoricTicket h = tickets.get(i);
            NewTicket t = checked.get(i);
            OffsetDateTime created = h.createdAt().atOffset(ZoneOffset.UTC);
            OffsetDateTime updated = (h.updatedAt() == null ? h.createdAt() : h.updatedAt()).atOffset(ZoneOffset.UTC);
            long id = store.insert(new TicketView(0, assigned[i], t.type(), t.category(), t.channel(), t.priority(), h.state(),
                    t.subject(), t.description(), t.incidentTime(), t.incidentPlace(), t.peopleInvolved(), t.contactPhone(),
                    t.customerId(), t.teamId(), t.assigneeId(), null, h.recordedBy(), created, updated, 0));
            store.append(id, new TicketChange.Created(t.type(), t.priority(), t.channel()), h.recordedBy(),
                    name(names, h.recordedBy()), created);
            for (HistoricTicket.Step step : h.timeline()) {
                store.append(id, step.change(), step.actorId(), name(names, step.actorId()), step.at().atOffset(ZoneOffset.UTC));
            }
            ids.add(id);
        }
        if (!ids.isEmpty()) {
            List<String> sorted = java.util.Arrays.stream(assigned).sorted().toList();
            events.publishEvent(new TicketsImported(by.username(), ids.size(), sorted.get(0), sorted.get(sorted.size() - 1)));
        }
        return ids;
    }

    private String name(Map<Long, String> names, long userId) {
        return names.computeIfAbsent(userId, id -> directory.user(id).map(UserView::displayName).orElse(String.valueOf(id)));
    }
}
