package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed timeline entries: their kinds, old and new values, and which ones a customer sees. */
class TicketChangeTest {

    static final List<TicketChange> ONE_OF_EACH = List.of(
            new TicketChange.Created(TicketType.COMPLAINT, Priority.P2, Channel.PHONE),
            new TicketChange.StateChanged(TicketState.NEW, TicketState.OPEN),
            new TicketChange.Assigned("热线组 / -", "热线组 / 王芳"),
            new TicketChange.PriorityChanged(Priority.P3, Priority.P1),
            new TicketChange.Replied("您好，已为您处理。", false),
            new TicketChange.Replied("谢谢", true),
            new TicketChange.NoteAdded("客户情绪激动，注意安抚"),
            new TicketChange.MergedInto("20261122-0002"),
            new TicketChange.DuplicateMerged("20261122-0001"));

    @Test
    void everyKindHasItsOwnName() {
        assertThat(ONE_OF_EACH).extracting(TicketChange::kind).containsExactly(
                "CREATED", "STATE", "ASSIGNMENT", "PRIORITY", "REPLY", "CUSTOMER_REPLY", "NOTE", "MERGED_INTO", "MERGED_FROM");
    }

    @Test
    void changesCarryTheirOldAndNewValues() {
        TicketChange state = new TicketChange.StateChanged(TicketState.RESOLVED, TicketState.OPEN);
        assertThat(state.oldValue()).isEqualTo("RESOLVED");
        assertThat(state.newValue()).isEqualTo("OPEN");
        TicketChange priority = new TicketChange.PriorityChanged(Priority.P3, Priority.P1);
        assertThat(priority.oldValue()).isEqualTo("P3");
        assertThat(priority.newValue()).isEqualTo("P1");
        assertThat(new TicketChange.Created(TicketType.INQUIRY, Priority.P3, Channel.EMAIL).newValue()).isEqualTo("INQUIRY P3 EMAIL");
        assertThat(new TicketChange.NoteAdded("x").body()).isEqualTo("x");
        assertThat(new TicketChange.NoteAdded("x").oldValue()).isNull();
    }

    @Test
    void internalNotesAssignmentsAndPrioritiesAreNeverShownToTheCustomer() {
        assertThat(ONE_OF_EACH).filteredOn(TicketChange::publicToCustomer).extracting(TicketChange::kind)
                .containsExactly("CREATED", "STATE", "REPLY", "CUSTOMER_REPLY", "MERGED_INTO");
    }

    @Test
    void theStoredEntryAgreesWithTheChangeOnWhatIsPublic() {
        for (TicketChange change : ONE_OF_EACH) {
            assertThat(change.publicToCustomer()).as(change.kind())
                    .isEqualTo(java.util.Set.of("CREATED", "STATE", "REPLY", "CUSTOMER_REPLY", "MERGED_INTO").contains(change.kind()));
        }
    }

    @Test
    void theAuditEntryOfAChangeNamesTheTicketAndTheMoveButNotTheText() {
        TicketChanged state = new TicketChanged(7, "20261122-0007", "agent", new TicketChange.StateChanged(TicketState.NEW,
                TicketState.OPEN));
        assertThat(state.action()).isEqualTo("ticket.state");
        assertThat(state.subject()).isEqualTo("ticket:20261122-0007");
        assertThat(state.details()).isEqualTo("NEW -> OPEN");
        TicketChanged note = new TicketChanged(7, "20261122-0007", "agent", new TicketChange.NoteAdded("客户电话13800138000"));
        assertThat(note.action()).isEqualTo("ticket.note");
        assertThat(note.details()).isEqualTo("15 chars").doesNotContain("138");
    }
}
