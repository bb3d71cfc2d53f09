package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;

/** A centre's ticket history comes in with its own times, states and timelines, numbered by its own days. */
@KeptTest
class TicketImportTest {

    @Autowired
    TicketImport imports;
    @Autowired
    Tickets tickets;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Clock clock;
    @Autowired
    CentreZone zone;

    @Test
    void keepsTimesStatesAndTimelineAndNumbersByTheDayRecorded() {
        CurrentUser agent = fixtures.user("AGENT");
        long customer = fixtures.customer("导入客户").id();
        Instant created = LocalDate.now(clock.withZone(zone.zone())).minusDays(3).atTime(12, 0).atZone(zone.zone()).toInstant();
        HistoricTicket closed = new HistoricTicket(ticket(customer, "旧工单 已结案"), agent.id(), created, TicketState.CLOSED,
                created.plus(Duration.ofHours(2)), List.of(
                        new HistoricTicket.Step(new TicketChange.Replied("已处理", false), agent.id(), created.plusSeconds(60)),
                        new HistoricTicket.Step(new TicketChange.StateChanged(TicketState.NEW, TicketState.CLOSED), agent.id(),
                                created.plusSeconds(120))));
        HistoricTicket open = new HistoricTicket(ticket(customer, "旧工单 处理中"), agent.id(), created.minusSeconds(30),
                TicketState.OPEN, null, List.of());

        List<Long> ids = imports.importHistoric(List.of(closed, open), agent);

        TicketView first = tickets.get(ids.get(0));
        TicketView second = tickets.get(ids.get(1));
        String day = LocalDate.ofInstant(created, zone.zone()).format(DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(first.number()).startsWith(day + "-");
        assertThat(second.number()).as("numbered in the order recorded that day").startsWith(day + "-")
                .isLessThan(first.number());
        assertThat(first.state()).isEqualTo(TicketState.CLOSED);
        assertThat(first.createdAt().toInstant()).isEqualTo(created);
        assertThat(first.createdById()).isEqualTo(agent.id());
        assertThat(second.updatedAt().toInstant()).isEqualTo(second.createdAt().toInstant());
        assertThat(tickets.timeline(first.id())).extracting(TimelineEntry::kind).containsExactly("CREATED", "REPLY", "STATE");
        // the live numbering of that day continues after the imported ones
        assertThat(tickets.byNumber(first.number())).get().extracting(TicketView::id).isEqualTo(first.id());
    }

    @Test
    void refusesATicketFromTheFutureAndWritesNothing() {
        CurrentUser agent = fixtures.user("AGENT");
        long customer = fixtures.customer("导入客户").id();
        Instant past = clock.instant().minus(Duration.ofHours(1));
        HistoricTicket fine = new HistoricTicket(ticket(customer, "导入 正常"), agent.id(), past, TicketState.OPEN, null, List.of());
        HistoricTicket future = new HistoricTicket(ticket(customer, "导入 未来"), agent.id(),
                clock.instant().plus(Duration.ofDays(1)), TicketState.OPEN, null, List.of());

        assertThatThrownBy(() -> imports.importHistoric(List.of(fine, future), agent)).isInstanceOf(KeptException.class);
        assertThat(tickets.ofCustomer(customer, 10)).isEmpty();
    }

    private static NewTicket ticket(long customer, String subject) {
        return new NewTicket(TicketType.INQUIRY, null, Channel.PHONE, Priority.P3, subject, "", null, null, null, null,
                customer, null, null);
    }
}
