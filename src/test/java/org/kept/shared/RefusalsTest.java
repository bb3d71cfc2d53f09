package org.kept.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** One way to refuse: every module's pages and the API word a refusal the same way, in the reader's language. */
@KeptTest
class RefusalsTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    IdempotentRequests idempotency;

    @Test
    void aCalendarPageThatDoesNotExistIsTheConsolesErrorPageNamingTheThingInChinese() throws Exception {
        CurrentUser admin = fixtures.user("ADMIN", null);
        mvc.perform(get("/admin/calendars/987654321").with(user(admin)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isNotFound())
                .andExpect(content().string(Matchers.containsString("找不到工作日历 987654321")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Whitelabel"))));
    }

    @Test
    void anHtmxRequestGetsTheRefusalInPlace() throws Exception {
        CurrentUser admin = fixtures.user("ADMIN", null);
        mvc.perform(get("/admin/calendars/987654321").with(user(admin)).header("HX-Request", "true").locale(Locale.ENGLISH))
                .andExpect(status().isNotFound())
                .andExpect(header().string(PageRefusals.SHOW_ERROR, "true"))
                .andExpect(content().string(Matchers.containsString("There is no calendar 987654321.")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("<html"))));
    }

    @Test
    void theApiNamesTheMissingThingInTheCallersLanguage() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        mvc.perform(get("/api/v1/tickets/987654321").with(user(agent)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("找不到工单 987654321。"));
    }

    @Test
    void twoRequestsRacingWithOneKeyBothAnswerWithTheFirstResult() throws Exception {
        String key = "race-" + UUID.randomUUID();
        CountDownLatch bothInside = new CountDownLatch(2);
        AtomicLong made = new AtomicLong(1000);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<IdempotentRequests.Outcome>> runs = List.of(
                    pool.submit(() -> idempotency.once(42, key, "test.race", "same", () -> inside(bothInside, made))),
                    pool.submit(() -> idempotency.once(42, key, "test.race", "same", () -> inside(bothInside, made))));
            IdempotentRequests.Outcome a = runs.get(0).get(30, TimeUnit.SECONDS);
            IdempotentRequests.Outcome b = runs.get(1).get(30, TimeUnit.SECONDS);
            assertThat(a.id()).isEqualTo(b.id());
            assertThat(List.of(a.replayed(), b.replayed())).containsExactlyInAnyOrder(true, false);
            assertThat(made.get()).isEqualTo(1002); // both ran their create; only one result is remembered and answered
        } finally {
            pool.shutdownNow();
        }
    }

    private static long inside(CountDownLatch bothInside, AtomicLong made) {
        bothInside.countDown();
        try {
            bothInside.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return made.incrementAndGet();
    }
}
