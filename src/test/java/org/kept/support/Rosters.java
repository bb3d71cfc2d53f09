package org.kept.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;

/** Roster steps the tests share: the solver runs on its own thread, so a test waits for the state it needs. */
public final class Rosters {

    private Rosters() {
    }

    /** Waits (at most 90 s) until the roster leaves DRAFT/SOLVING, then asserts it reached {@code wanted}. */
    public static void awaitState(Api api, long id, String wanted) {
        String[] state = {""};
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            state[0] = api.get("/api/v1/workforce/rosters/" + id).expect(200).json().path("state").asString();
            return !state[0].equals("SOLVING") && !state[0].equals("DRAFT");
        });
        assertThat(state[0]).isEqualTo(wanted);
    }
}
