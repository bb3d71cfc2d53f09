package org.kept.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kept.support.Api.body;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.routing.internal.PresenceChange;
import org.kept.routing.internal.PresenceDesk;
import org.kept.routing.internal.Router;
import org.kept.routing.internal.RoutingQueue;
import org.kept.routing.internal.RuleDesk;
import org.kept.routing.internal.WorkDesk;
import org.kept.routing.internal.WorkItem;
import org.kept.shared.KeptException;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.TestClock;
import org.kept.ticket.Channel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The router: skills with levels, capacity and blocking channels, longest idle and least occupied, queue and work
 * priority, the VIP's bounded jump, overflow, declined and timed-out offers, presence history, and out of hours.
 * Every test makes its own agents with a skill only it uses, so the shared database's other work never reaches them.
 */
@KeptTest
@RecordApplicationEvents
class RoutingTest {

    static final Instant T0 = Instant.parse("2031-03-04T02:00:00Z");  // a Tuesday, 10:00 in Shanghai

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    Router router;

    @Autowired
    WorkDesk work;

    @Autowired
    PresenceDesk presence;

    @Autowired
    RuleDesk rules;

    @Autowired
    ApplicationEvents events;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    String skill() {
        return "s" + UUID.randomUUID().toString().substring(0, 8);
    }

    long agent(Map<String, Integer> skills) {
        CurrentUser u = fixtures.user("AGENT");
        rules.replaceSkills(u.id(), skills);
        presence.choose(u.id(), PresenceState.AVAILABLE, null, u.id());
        return u.id();
    }

    RoutingQueue queue(Channel channel, int priority, RoutingQueue.Strategy strategy, List<RoutingQueue.Skill> skills) {
        String code = "q-" + UUID.randomUUID().toString().substring(0, 8);
        return rules.save(new RoutingQueue(0, code, "队列 " + code, channel, priority, strategy, null, null, null,
                RoutingQueue.ClosedAction.ANSWER, null, null, 30, 0, skills));
    }

    RoutingQueue queue(String skill, int minLevel) {
        return queue(Channel.CHAT, 0, RoutingQueue.Strategy.LONGEST_IDLE, List.of(new RoutingQueue.Skill(skill, minLevel)));
    }

    long submit(RoutingQueue q, Channel channel, int priority, String tier) {
        Routing.Submission s = work.submit(new Routing.WorkRequest(channel, q.code(), "ref-" + UUID.randomUUID(), priority, tier));
        assertThat(s.outcome()).isEqualTo(Routing.Outcome.QUEUED);
        return s.itemId();
    }

    WorkItem item(long id) {
        return work.item(id).orElseThrow();
    }

    @Test
    void picksAnAgentWithTheSkillsAtTheirLevelsAndTheLongestIdle() {
        String chat = skill();
        String lang = skill();
        Instant t = T0;
        long novice;
        long idleLongest;
        long idleLess;
        long noLanguage;
        try (var m = clock.stoppedAt(t)) {
            novice = agent(Map.of(chat, 1, lang, 3));
        }
        try (var m = clock.stoppedAt(t.plusSeconds(10))) {
            idleLongest = agent(Map.of(chat, 3, lang, 2));
        }
        try (var m = clock.stoppedAt(t.plusSeconds(20))) {
            idleLess = agent(Map.of(chat, 4, lang, 2));
            noLanguage = agent(Map.of(chat, 5));
        }
        RoutingQueue q = queue(Channel.CHAT, 0, RoutingQueue.Strategy.LONGEST_IDLE,
                List.of(new RoutingQueue.Skill(chat, 2), new RoutingQueue.Skill(lang, 2)));
        try (var m = clock.stoppedAt(t.plusSeconds(30))) {
            long first = submit(q, Channel.CHAT, 0, null);
            router.runOnce();
            assertThat(item(first).agentId()).isEqualTo(idleLongest);
            assertThat(item(first).state()).isEqualTo("OFFERED");
        }
        assertThat(List.of(novice, noLanguage)).doesNotContain(idleLess);
    }

    @Test
    void capacityPerChannelAndACallBlocksNewChats() {
        String s = skill();
        long a = agent(Map.of(s, 1));
        RoutingQueue chats = queue(s, 1);
        // calls first (a higher priority), so the pass offers the call before it looks at the waiting chat
        RoutingQueue calls = queue(Channel.PHONE, 1, RoutingQueue.Strategy.LONGEST_IDLE, List.of(new RoutingQueue.Skill(s, 1)));
        List<Long> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            items.add(submit(chats, Channel.CHAT, 0, null));
        }
        router.runOnce();
        assertThat(items.stream().filter(i -> a == orZero(item(i).agentId())).count()).as("up to 3 chats").isEqualTo(3);
        for (long i : items.subList(0, 3)) {
            work.accept(i, a);
        }
        for (long i : items.subList(0, 3)) {
            work.finish(i, a);
        }
        assertThat(presence.get(a).state()).isEqualTo(PresenceState.AFTER_CONTACT_WORK);
        presence.choose(a, PresenceState.AVAILABLE, null, a);
        // a call in hand: the waiting chat stays waiting
        long call = submit(calls, Channel.PHONE, 0, null);
        router.runOnce();
        assertThat(item(call).agentId()).isEqualTo(a);
        assertThat(item(items.get(3)).state()).as("a call blocks new chats").isEqualTo("WAITING");
        work.accept(call, a);
        router.runOnce();
        assertThat(item(items.get(3)).state()).isEqualTo("WAITING");
        work.finish(call, a);
        presence.choose(a, PresenceState.AVAILABLE, null, a);
        router.runOnce();
        assertThat(item(items.get(3)).agentId()).isEqualTo(a);
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    @Test
    void leastOccupiedGoesToTheAgentWithTheLeastWork() {
        String s = skill();
        long busy;
        long free;
        try (var m = clock.stoppedAt(T0)) {
            busy = agent(Map.of(s, 1));
        }
        try (var m = clock.stoppedAt(T0.plusSeconds(60))) {
            free = agent(Map.of(s, 1));
        }
        RoutingQueue q = queue(Channel.CHAT, 0, RoutingQueue.Strategy.LEAST_OCCUPIED, List.of(new RoutingQueue.Skill(s, 1)));
        try (var m = clock.stoppedAt(T0.plusSeconds(70))) {
            long first = submit(q, Channel.CHAT, 0, null);
            router.runOnce();
            assertThat(item(first).agentId()).as("longest idle among equals").isEqualTo(busy);
            work.accept(first, busy);
        }
        try (var m = clock.stoppedAt(T0.plusSeconds(80))) {
            long second = submit(q, Channel.CHAT, 0, null);
            router.runOnce();
            assertThat(item(second).agentId()).as("the one holding nothing").isEqualTo(free);
        }
    }

    /** Offers work to one agent one item at a time (calls: capacity 1) and returns the order they were offered in. */
    List<Long> offerOrder(long agent, List<Long> items) {
        List<Long> order = new ArrayList<>();
        for (int pass = 0; pass < items.size() && order.size() < items.size(); pass++) {
            assertThat(router.runOnce().offered()).isGreaterThanOrEqualTo(1);
            for (long id : items) {
                WorkItem w = item(id);
                if ("OFFERED".equals(w.state()) && w.agentId() == agent) {
                    order.add(id);
                    work.accept(id, agent);
                    work.finish(id, agent);
                    presence.choose(agent, PresenceState.AVAILABLE, null, agent);
                }
            }
        }
        return order;
    }

    @Test
    void higherPriorityQueuesAndWorkGoFirst() {
        String s = skill();
        long a = agent(Map.of(s, 1));
        presence.choose(a, PresenceState.NOT_READY, "break", a);
        List<RoutingQueue.Skill> needs = List.of(new RoutingQueue.Skill(s, 1));
        RoutingQueue low = queue(Channel.PHONE, 0, RoutingQueue.Strategy.LONGEST_IDLE, needs);
        RoutingQueue high = queue(Channel.PHONE, 10, RoutingQueue.Strategy.LONGEST_IDLE, needs);
        long lowFirst;
        long lowUrgent;
        long highLater;
        try (var m = clock.stoppedAt(T0)) {
            lowFirst = submit(low, Channel.PHONE, 0, null);
        }
        try (var m = clock.stoppedAt(T0.plusSeconds(5))) {
            lowUrgent = submit(low, Channel.PHONE, 5, null);
        }
        try (var m = clock.stoppedAt(T0.plusSeconds(10))) {
            highLater = submit(high, Channel.PHONE, 0, null);
        }
        presence.choose(a, PresenceState.AVAILABLE, null, a);
        assertThat(offerOrder(a, List.of(lowFirst, lowUrgent, highLater))).containsExactly(highLater, lowUrgent, lowFirst);
    }

    @Test
    void aVipJumpsAheadByABoundedAmountOnly() {
        String s = skill();
        RoutingQueue q = queue(Channel.PHONE, 0, RoutingQueue.Strategy.LONGEST_IDLE, List.of(new RoutingQueue.Skill(s, 1)));
        long waitedLong;
        long waitedLittle;
        long vip;
        try (var m = clock.stoppedAt(T0)) {
            waitedLong = submit(q, Channel.PHONE, 0, null);        // waited 10 minutes when the VIP arrives
        }
        try (var m = clock.stoppedAt(T0.plusSeconds(540))) {
            waitedLittle = submit(q, Channel.PHONE, 0, null);      // waited 60 s: less than the VIP's 120 s jump
        }
        try (var m = clock.stoppedAt(T0.plusSeconds(600))) {
            vip = submit(q, Channel.PHONE, 0, "VIP");
        }
        long a = agent(Map.of(s, 1));
        assertThat(offerOrder(a, List.of(waitedLong, waitedLittle, vip))).containsExactly(waitedLong, vip, waitedLittle);
    }

    @Test
    void workThatWaitsTooLongOverflowsToAnotherQueue() {
        String scarce = skill();
        String common = skill();
        RoutingQueue backup = queue(common, 1);
        RoutingQueue first = rules.save(new RoutingQueue(0, "q-" + UUID.randomUUID().toString().substring(0, 8), "首选",
                Channel.CHAT, 0, RoutingQueue.Strategy.LONGEST_IDLE, 120, backup.id(), null, RoutingQueue.ClosedAction.ANSWER,
                null, null, 30, 0, List.of(new RoutingQueue.Skill(scarce, 1))));
        long a = agent(Map.of(common, 1));
        long id;
        try (var m = clock.stoppedAt(T0)) {
            id = submit(first, Channel.CHAT, 0, null);
        }
        router.runOnce(T0.plusSeconds(119));
        assertThat(item(id).state()).as("nobody has the skill; not yet overflowed").isEqualTo("WAITING");
        assertThat(item(id).queueId()).isEqualTo(first.id());
        try (var m = clock.stoppedAt(T0.plusSeconds(120))) {
            Router.Pass pass = router.runOnce(T0.plusSeconds(120));
            assertThat(pass.overflowed()).isPositive();
        }
        WorkItem moved = item(id);
        assertThat(moved.queueId()).isEqualTo(backup.id());
        assertThat(moved.overflowed()).isTrue();
        assertThat(moved.agentId()).isEqualTo(a);
    }

    @Test
    void declinedAndTimedOutOffersMoveOnToTheNextAgent() {
        String s = skill();
        long a;
        long b;
        long c;
        try (var m = clock.stoppedAt(T0)) {
            a = agent(Map.of(s, 1));
        }
        try (var m = clock.stoppedAt(T0.plusSeconds(1))) {
            b = agent(Map.of(s, 1));
        }
        try (var m = clock.stoppedAt(T0.plusSeconds(2))) {
            c = agent(Map.of(s, 1));
        }
        RoutingQueue q = queue(s, 1);
        long id;
        try (var m = clock.stoppedAt(T0.plusSeconds(10))) {
            id = submit(q, Channel.CHAT, 0, null);
            router.runOnce();
            assertThat(item(id).agentId()).isEqualTo(a);
            work.decline(id, a);
            assertThat(item(id).state()).isEqualTo("WAITING");
            router.runOnce();
            assertThat(item(id).agentId()).as("declined: the next agent").isEqualTo(b);
        }
        try (var m = clock.stoppedAt(T0.plusSeconds(39))) {
            assertThat(router.runOnce().expired()).isZero();
            assertThat(item(id).agentId()).isEqualTo(b);
        }
        try (var m = clock.stoppedAt(T0.plusSeconds(40))) {
            Router.Pass pass = router.runOnce();
            assertThat(pass.expired()).isGreaterThanOrEqualTo(1);
            assertThat(item(id).agentId()).as("timed out: the next agent").isEqualTo(c);
            assertThatThrownBy(() -> work.accept(id, b)).isInstanceOf(KeptException.class);
            WorkItem taken = work.accept(id, c);
            assertThat(taken.state()).isEqualTo("ASSIGNED");
        }
        assertThat(events.stream(WorkAssigned.class)).anyMatch(e -> e.itemId() == id && e.agentId() == c && e.queue().equals(q.code()));
        assertThat(presence.get(c).state()).isEqualTo(PresenceState.ON_CONTACT);
        var live = rules.live(null).queues().stream().filter(l -> l.id() == q.id()).findFirst().orElseThrow();
        assertThat(live.declined()).isEqualTo(1);
        assertThat(live.timedOut()).isEqualTo(1);
        assertThat(live.assigned()).isEqualTo(1);
    }

    @Test
    void everyPresenceChangeIsKeptWithItsTimeAndAfterContactWorkEndsByItself() {
        String s = skill();
        CurrentUser u = fixtures.user("AGENT");
        rules.replaceSkills(u.id(), Map.of(s, 1));
        rules.saveChannel(new org.kept.routing.internal.ChannelRule(Channel.EMAIL, 5, 60, java.util.EnumSet.noneOf(Channel.class)));
        RoutingQueue q = queue(Channel.EMAIL, 0, RoutingQueue.Strategy.LONGEST_IDLE, List.of(new RoutingQueue.Skill(s, 1)));
        try (var m = clock.stoppedAt(T0)) {
            presence.choose(u.id(), PresenceState.AVAILABLE, null, u.id());
        }
        try (var m = clock.stoppedAt(T0.plusSeconds(60))) {
            presence.choose(u.id(), PresenceState.NOT_READY, "meal", u.id());
            assertThatThrownBy(() -> presence.choose(u.id(), PresenceState.NOT_READY, "nap", u.id()))
                    .isInstanceOf(KeptException.class);
            assertThatThrownBy(() -> presence.choose(u.id(), PresenceState.ON_CONTACT, null, u.id()))
                    .isInstanceOf(KeptException.class);
        }
        long id;
        try (var m = clock.stoppedAt(T0.plusSeconds(120))) {
            presence.choose(u.id(), PresenceState.AVAILABLE, null, u.id());
            id = submit(q, Channel.EMAIL, 0, null);
            router.runOnce();
            work.accept(id, u.id());
            assertThatThrownBy(() -> presence.choose(u.id(), PresenceState.OFFLINE, null, u.id()))
                    .isInstanceOf(KeptException.class);
        }
        try (var m = clock.stoppedAt(T0.plusSeconds(300))) {
            work.finish(id, u.id());
            assertThat(presence.get(u.id()).state()).isEqualTo(PresenceState.AFTER_CONTACT_WORK);
            assertThat(presence.get(u.id()).acwUntil()).isEqualTo(T0.plusSeconds(360));
        }
        presence.tick(T0.plusSeconds(359));
        assertThat(presence.get(u.id()).state()).isEqualTo(PresenceState.AFTER_CONTACT_WORK);
        try (var m = clock.stoppedAt(T0.plusSeconds(360))) {
            presence.tick(T0.plusSeconds(360));
            assertThat(presence.get(u.id()).state()).isEqualTo(PresenceState.AVAILABLE);
        }
        try (var m = clock.stoppedAt(T0.plusSeconds(400))) {
            presence.choose(u.id(), PresenceState.OFFLINE, null, u.id());
        }
        List<PresenceChange> history = presence.history(u.id(), T0.minusSeconds(1), T0.plusSeconds(3600));
        assertThat(history).extracting(PresenceChange::state).containsExactly(PresenceState.OFFLINE, PresenceState.AVAILABLE,
                PresenceState.NOT_READY, PresenceState.AVAILABLE, PresenceState.ON_CONTACT, PresenceState.AFTER_CONTACT_WORK,
                PresenceState.AVAILABLE, PresenceState.OFFLINE);
        assertThat(history).extracting(PresenceChange::at).containsExactly(T0, T0, T0.plusSeconds(60), T0.plusSeconds(120),
                T0.plusSeconds(120), T0.plusSeconds(300), T0.plusSeconds(360), T0.plusSeconds(400));
        assertThat(history.get(2).reason()).isEqualTo("meal");
        assertThat(history.get(1).byUser()).isEqualTo(u.id());
        assertThat(history.get(4).byUser()).as("set by the work, not the agent").isNull();
    }

    @Test
    void outOfHoursWorkIsAnsweredWithTheOpeningTimeOrGoesToTheNightQueue() {
        long calendar = fixtures.api(fixtures.user("ADMIN")).post("/api/v1/calendars", body("name", "路由日历",
                "timeZone", "Asia/Shanghai", "weeklyHours", List.of(
                        body("day", "MONDAY", "from", "09:00", "to", "18:00"),
                        body("day", "TUESDAY", "from", "09:00", "to", "18:00")))).expect(201).id();
        String s = skill();
        RoutingQueue night = queue(s, 1);
        RoutingQueue answering = rules.save(new RoutingQueue(0, "q-" + UUID.randomUUID().toString().substring(0, 8), "日间",
                Channel.CHAT, 0, RoutingQueue.Strategy.LONGEST_IDLE, null, null, calendar, RoutingQueue.ClosedAction.ANSWER,
                null, "我们将于 {time} 回来", 30, 0, List.of(new RoutingQueue.Skill(s, 1))));
        RoutingQueue toNight = rules.save(new RoutingQueue(0, "q-" + UUID.randomUUID().toString().substring(0, 8), "日间转夜间",
                Channel.CHAT, 0, RoutingQueue.Strategy.LONGEST_IDLE, null, null, calendar, RoutingQueue.ClosedAction.NIGHT_QUEUE,
                night.id(), null, 30, 0, List.of(new RoutingQueue.Skill(s, 1))));
        // Monday 2031-03-03 20:00 in Shanghai: closed until Tuesday 09:00
        try (var m = clock.stoppedAt(Instant.parse("2031-03-03T12:00:00Z"))) {
            Routing.Submission closed = work.submit(new Routing.WorkRequest(Channel.CHAT, answering.code(), "ooh-" + s, 0, null));
            assertThat(closed.outcome()).isEqualTo(Routing.Outcome.CLOSED);
            assertThat(closed.itemId()).isNull();
            assertThat(closed.backAt()).isEqualTo(Instant.parse("2031-03-04T01:00:00Z"));
            assertThat(closed.answer()).isEqualTo("我们将于 2031-03-04 09:00 回来");
            Routing.Submission nightly = work.submit(new Routing.WorkRequest(Channel.CHAT, toNight.code(), "night-" + s, 0, null));
            assertThat(nightly.outcome()).isEqualTo(Routing.Outcome.QUEUED);
            assertThat(nightly.queue()).isEqualTo(night.code());
            assertThat(item(nightly.itemId()).queueId()).isEqualTo(night.id());
        }
        // Tuesday 10:00: open
        try (var m = clock.stoppedAt(Instant.parse("2031-03-04T02:00:00Z"))) {
            Routing.Submission open = work.submit(new Routing.WorkRequest(Channel.CHAT, answering.code(), "day-" + s, 0, null));
            assertThat(open.outcome()).isEqualTo(Routing.Outcome.QUEUED);
            assertThat(open.queue()).isEqualTo(answering.code());
        }
        // the standard answer, in the customer's language the centre uses (Chinese), when the queue has none of its own
        RoutingQueue plain = rules.save(new RoutingQueue(0, "q-" + UUID.randomUUID().toString().substring(0, 8), "标准",
                Channel.CHAT, 0, RoutingQueue.Strategy.LONGEST_IDLE, null, null, calendar, RoutingQueue.ClosedAction.ANSWER,
                null, null, 30, 0, List.of(new RoutingQueue.Skill(s, 1))));
        try (var m = clock.stoppedAt(Instant.parse("2031-03-05T02:00:00Z"))) {   // Wednesday: no hours until Monday
            Routing.Submission closed = work.submit(new Routing.WorkRequest(Channel.CHAT, plain.code(), "std-" + s, 0, null));
            assertThat(closed.answer()).contains("2031-03-10 09:00");
        }
    }

    @Test
    void aRepeatedSubmissionIsTheSameWorkAndFinishingOrCancellingIsByReference() {
        String s = skill();
        RoutingQueue q = queue(s, 1);
        Routing.Submission first = work.submit(new Routing.WorkRequest(Channel.CHAT, q.code(), "same-" + s, 0, null));
        Routing.Submission again = work.submit(new Routing.WorkRequest(Channel.CHAT, q.code(), "same-" + s, 0, null));
        assertThat(again.itemId()).isEqualTo(first.itemId());
        work.cancel(Channel.CHAT, "same-" + s);
        assertThat(item(first.itemId()).state()).isEqualTo("CANCELLED");
        long a = agent(Map.of(s, 1));
        long id = submit(q, Channel.CHAT, 0, null);
        router.runOnce();
        work.accept(id, a);
        work.finish(Channel.CHAT, item(id).reference());
        assertThat(item(id).state()).isEqualTo("DONE");
        assertThat(presence.get(a).state()).isEqualTo(PresenceState.AFTER_CONTACT_WORK);
    }


    @Test
    void twoRoutersRacingNeverOfferOneItemTwiceNorAnAgentBeyondCapacity() throws Exception {
        String s = skill();
        List<Long> agents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            agents.add(agent(Map.of(s, 1)));
        }
        RoutingQueue q = queue(s, 1);
        List<Long> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            items.add(submit(q, Channel.CHAT, i % 3, i % 5 == 0 ? "VIP" : null));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    int offered = 0;
                    for (int pass = 0; pass < 3; pass++) {
                        offered += router.runOnce().offered();
                    }
                    return offered;
                }));
            }
            start.countDown();
            int offered = 0;
            for (var r : runs) {
                offered += r.get(120, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(offered).as("every slot filled once: 8 agents x 3 chats").isEqualTo(24);
        } finally {
            pool.shutdownNow();
        }
        java.util.Map<Long, Long> perAgent = new java.util.HashMap<>();
        for (long id : items) {
            WorkItem w = item(id);
            if ("OFFERED".equals(w.state())) {
                perAgent.merge(w.agentId(), 1L, Long::sum);
            }
        }
        assertThat(perAgent.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(24);
        assertThat(perAgent).hasSize(8).allSatisfy((agent, n) -> assertThat(n).isEqualTo(3L));
        assertThat(jdbc.sql("select count(*) from routing_offer where item_id in (:ids)").param("ids", items)
                .query(Long.class).single()).as("one offer per offered item, never two").isEqualTo(24);
    }
}
