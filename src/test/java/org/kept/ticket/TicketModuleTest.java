package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The ticket module with only the modules it depends on (customer, identity, shared): no audit, no web of others.
 * Every change it makes is published as a {@link TicketChanged} event for the modules that react to tickets.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@ActiveProfiles("test")
@Import(Fixtures.class)
class TicketModuleTest {

    @Autowired
    Tickets tickets;

    @Autowired
    Fixtures fixtures;

    CurrentUser agent;
    long customer;

    @BeforeEach
    void anAgentAndACustomer() {
        agent = fixtures.user("AGENT");
        customer = fixtures.customer("模块测试").id();
    }

    NewTicket inquiry(String subject) {
        return new NewTicket(TicketType.INQUIRY, null, Channel.PHONE, null, subject, "描述", null, null, null, null, customer,
                null, null);
    }

    /** An entry another module owns; the ticket module knows only that it is an annotation. */
    record CallLogged(String number, boolean publicToCustomer) implements TicketChange.Annotation {
        public String kind() {
            return "TEST_CALL";
        }

        public String newValue() {
            return number;
        }
    }

    @Test
    void anotherModulesEntryReachesTheCustomerOnlyWhenItSaysItIsPublic() {
        long id = tickets.create(inquiry("外部条目"), agent, null).ticket().id();
        tickets.annotate(id, new CallLogged("outbound", true), agent);
        tickets.annotate(id, new CallLogged("internal", false), agent);
        assertThat(tickets.timeline(id)).filteredOn(e -> e.kind().equals("TEST_CALL"))
                .extracting(TimelineEntry::newValue, TimelineEntry::publicToCustomer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("outbound", true),
                        org.assertj.core.groups.Tuple.tuple("internal", false));
    }

    @Test
    void onlyTheTicketModuleAndItsDependenciesAreRunning(ApplicationContext context) {
        assertThat(Arrays.stream(context.getBeanDefinitionNames()).map(context::getType).filter(Objects::nonNull)
                .map(Class::getPackageName)).noneMatch(p -> p.startsWith("org.kept.audit")).anyMatch(p -> p.startsWith("org.kept.customer"));
    }

    @Test
    void recordingATicketPublishesItsCreation(Scenario scenario) {
        scenario.stimulate(() -> tickets.create(inquiry("模块事件"), agent, null))
                .andWaitForEventOfType(TicketChanged.class)
                .matching(event -> event.change() instanceof TicketChange.Created)
                .toArriveAndVerify((event, created) -> {
                    assertThat(event.ticketId()).isEqualTo(created.ticket().id());
                    assertThat(event.subject()).isEqualTo("ticket:" + created.ticket().number());
                    assertThat(event.actor()).isEqualTo(agent.username());
                    assertThat(event.action()).isEqualTo("ticket.created");
                });
    }

    @Test
    void aTransitionPublishesTheMoveWithOldAndNewState(Scenario scenario) {
        TicketView created = tickets.create(inquiry("状态事件"), agent, null).ticket();
        scenario.stimulate(() -> tickets.transition(created.id(), TicketState.RESOLVED, created.version(), agent))
                .andWaitForEventOfType(TicketChanged.class)
                .matching(event -> event.ticketId() == created.id() && event.change() instanceof TicketChange.StateChanged)
                .toArriveAndVerify(event -> assertThat(event.details()).isEqualTo("NEW -> RESOLVED"));
    }

    @Test
    void aFirstReplyPublishesTheReplyAndTheOpening(AssertablePublishedEvents events) {
        TicketView created = tickets.create(inquiry("回复事件"), agent, null).ticket();
        tickets.reply(created.id(), "您好", null, agent);
        assertThat(events.ofType(TicketChanged.class).matching(e -> e.ticketId() == created.id()))
                .extracting(e -> e.change().kind()).containsExactly("CREATED", "REPLY", "STATE");
    }

    @Test
    void aRefusedOrStaleChangePublishesNothing(AssertablePublishedEvents events) {
        TicketView created = tickets.create(inquiry("拒绝事件"), agent, null).ticket();
        assertThatThrownBy(() -> tickets.transition(created.id(), TicketState.NEW, created.version(), agent))
                .isInstanceOfSatisfying(KeptException.class, e -> assertThat(e.messageKey()).isEqualTo("error.ticket.transition"));
        assertThatThrownBy(() -> tickets.transition(created.id(), TicketState.OPEN, created.version() + 7, agent))
                .isInstanceOfSatisfying(KeptException.class, e -> assertThat(e.messageKey()).isEqualTo("error.stale"));
        assertThat(events.ofType(TicketChanged.class).matching(e -> e.ticketId() == created.id()))
                .extracting(e -> e.change().kind()).containsExactly("CREATED");
    }
}
