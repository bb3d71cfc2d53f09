package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PriorityTest {

    @Test
    void p1IsTheMostUrgentAndRanksFirst() {
        assertThat(Priority.P1.rank()).isEqualTo(1);
        assertThat(Priority.P4.rank()).isEqualTo(4);
        assertThat(Arrays.stream(Priority.values()).sorted(Comparator.comparingInt(Priority::rank)))
                .containsExactly(Priority.P1, Priority.P2, Priority.P3, Priority.P4);
    }

    @ParameterizedTest
    @EnumSource(Priority.class)
    void theStoredRankReadsBackAsTheSamePriority(Priority priority) {
        assertThat(Priority.ofRank(priority.rank())).isSameAs(priority);
    }

    @Test
    void aRankOutsideOneToFourIsNoPriority() {
        assertThatThrownBy(() -> Priority.ofRank(0)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> Priority.ofRank(5)).isInstanceOf(RuntimeException.class);
    }
}
