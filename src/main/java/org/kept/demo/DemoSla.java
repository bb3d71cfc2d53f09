package org.kept.demo;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.kept.sla.SlaClocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The demo centre's service hours and SLA policies (hotline hours, an after-sales working week with a lunch break and
 * the National Day holiday, tighter promises for complaints, urgent tickets and VIPs), and clocks for its tickets.
 * Runs when the application is ready, so after the demo centre is seeded.
 */
@Component
class DemoSla {

    private static final Logger log = LoggerFactory.getLogger(DemoSla.class);

    private final DemoData demo;
    private final JdbcTemplate jdbc;
    private final SlaClocks clocks;
    private final Clock clock;

    DemoSla(DemoData demo, JdbcTemplate jdbc, SlaClocks clocks, Clock clock) {
        this.demo = demo;
        this.jdbc = jdbc;
        this.clocks = clocks;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (!demo.active()) {
            return;
        }
        Integer seeded = jdbc.queryForObject("select count(*) from sla_policy where name like 'Demo %'", Integer.class);
        if (seeded == null || seeded == 0) {
            OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
            long hotline = calendar("热线服务时间 Hotline hours", now, new int[][] {{1, 480, 1320}, {2, 480, 1320},
                    {3, 480, 1320}, {4, 480, 1320}, {5, 480, 1320}, {6, 480, 1320}, {7, 480, 1320}});
            long office = calendar("售后工作日 After-sales week", now, new int[][] {{1, 540, 720}, {1, 810, 1080},
                    {2, 540, 720}, {2, 810, 1080}, {3, 540, 720}, {3, 810, 1080}, {4, 540, 720}, {4, 810, 1080},
                    {5, 540, 720}, {5, 810, 1080}});
            jdbc.update("insert into business_calendar_date (calendar_id, kind, first_day, last_day) values (?, 'HOLIDAY', ?, ?)",
                    office, java.sql.Date.valueOf("2026-10-01"), java.sql.Date.valueOf("2026-10-07"));
            jdbc.update("insert into business_calendar_date (calendar_id, kind, first_day, last_day) values (?, 'WORKING', ?, ?)",
                    office, java.sql.Date.valueOf("2026-10-10"), java.sql.Date.valueOf("2026-10-10"));
            Long major = jdbc.queryForObject("select id from team where code = 'major-complaints'", Long.class);
            Long afterSales = jdbc.queryForObject("select id from team where code = 'after-sales'", Long.class);
            policy("Demo 重大投诉 Major complaints", 10, null, null, major, null, null, 30, 120, 1440, now);
            policy("Demo 紧急 Urgent", 20, null, 1, null, null, null, 15, 60, 480, now);
            policy("Demo VIP", 30, null, null, null, "VIP", null, 30, 240, 1440, now);
            policy("Demo 投诉 Complaints", 40, "COMPLAINT", null, null, null, hotline, 60, 480, 2880, now);
            policy("Demo 售后 After-sales", 50, null, null, afterSales, null, office, 120, 1440, 4320, now);
        }
        log.info("Demo SLA: clocks started for {} tickets", clocks.startMissing());
    }

    private long calendar(String name, OffsetDateTime now, int[][] periods) {
        jdbc.update("insert into business_calendar (name, time_zone, round_the_clock, created_at, updated_at) "
                + "values (?, 'Asia/Shanghai', false, ?, ?)", name, now, now);
        long id = jdbc.queryForObject("select max(id) from business_calendar where name = ?", Long.class, name);
        for (int[] p : periods) {
            jdbc.update("insert into business_calendar_period (calendar_id, weekday, starts_min, ends_min) values (?, ?, ?, ?)",
                    id, p[0], p[1], p[2]);
        }
        return id;
    }

    private void policy(String name, int position, String type, Integer priority, Long team, String tier, Long calendar,
                        int firstResponse, int nextUpdate, int resolution, OffsetDateTime now) {
        jdbc.update("insert into sla_policy (name, position, ticket_type, priority, team_id, customer_tier, calendar_id, "
                        + "first_response_minutes, next_update_minutes, resolution_minutes, warn_percent, expedite_percent, "
                        + "created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 80, 50, ?, ?)",
                name, position, type, priority, team, tier, calendar, firstResponse, nextUpdate, resolution, now, now);
    }
}
