package org.kept.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kept.calendar.CalendarDefinition;
import org.kept.calendar.Calendars;
import org.kept.customer.CustomerTier;
import org.kept.identity.Directory;
import org.kept.identity.TeamView;
import org.kept.sla.PolicyTerms;
import org.kept.sla.SlaClocks;
import org.kept.sla.SlaPolicies;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketType;
import org.kept.shared.StartupWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo centre's service hours and SLA policies (hotline hours, an after-sales working week with a lunch break and
 * the National Day holiday, tighter promises for complaints, urgent tickets and VIPs), and clocks for its tickets.
 * Runs when the application is ready, so after the demo centre is seeded; defined through the calendar and sla
 * modules' APIs.
 */
@Component
class DemoSla {

    private static final Logger log = LoggerFactory.getLogger(DemoSla.class);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final DemoData demo;
    private final Calendars calendars;
    private final SlaPolicies policies;
    private final Directory directory;
    private final SlaClocks clocks;

    /** Start-up work: the demo tickets' deadlines come before anyone sees the queue. */
    private static final String WORK = "demo SLA";

    private final StartupWork startup;

    DemoSla(DemoData demo, Calendars calendars, SlaPolicies policies, Directory directory, SlaClocks clocks, StartupWork startup) {
        this.startup = startup;
        if (demo.enabled()) {
            startup.expect(WORK);
        }
        this.demo = demo;
        this.calendars = calendars;
        this.policies = policies;
        this.directory = directory;
        this.clocks = clocks;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStartup() {
        if (demo.active()) {
            startup.run(WORK, this::seed);
        }
    }

    void seed() {
        if (demo.fresh()) {
            long hotline = calendar("热线服务时间 Hotline hours", week(7, new int[][] {{480, 1320}}), List.of(), List.of());
            long office = calendar("售后工作日 After-sales week", week(5, new int[][] {{540, 720}, {810, 1080}}),
                    List.of(new CalendarDefinition.DateRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7))),
                    List.of(LocalDate.of(2026, 10, 10)));
            Map<String, Long> teams = directory.teams().stream().collect(Collectors.toMap(TeamView::code, TeamView::id));
            // what customers are told falls in the hours their team answers: after-sales keeps office hours
            teams.forEach((code, id) -> policies.serveTeam(id, code.equals("after-sales") ? office : hotline, DemoData.SEEDER));
            policy("Demo 重大投诉 Major complaints", 10, null, null, teams.get("major-complaints"), null, null, 30, 120, 1440);
            policy("Demo 紧急 Urgent", 20, null, Priority.P1, null, null, null, 15, 60, 480);
            policy("Demo VIP", 30, null, null, null, CustomerTier.VIP, null, 30, 240, 1440);
            policy("Demo 投诉 Complaints", 40, TicketType.COMPLAINT, null, null, null, hotline, 60, 480, 2880);
            policy("Demo 售后 After-sales", 50, null, null, teams.get("after-sales"), null, office, 120, 1440, 4320);
        }
        log.info("Demo SLA: clocks started for {} tickets", clocks.startMissing());
    }

    /** The same hours (minutes of the day, from and to) on the first {@code days} weekdays from Monday. */
    private static List<CalendarDefinition.Period> week(int days, int[][] hours) {
        List<CalendarDefinition.Period> periods = new ArrayList<>();
        for (int d = 1; d <= days; d++) {
            for (int[] h : hours) {
                periods.add(new CalendarDefinition.Period(DayOfWeek.of(d), h[0], h[1]));
            }
        }
        return periods;
    }

    private long calendar(String name, List<CalendarDefinition.Period> hours, List<CalendarDefinition.DateRange> holidays,
                          List<LocalDate> workingDays) {
        return calendars.create(new CalendarDefinition(name, SHANGHAI, false, hours, holidays, workingDays), DemoData.SEEDER,
                null).id();
    }

    private void policy(String name, int position, TicketType type, Priority priority, Long team, CustomerTier tier,
                        Long calendar, int firstResponse, int nextUpdate, int resolution) {
        policies.define(new PolicyTerms(name, position, type, null, priority, null, team, tier, calendar, firstResponse,
                nextUpdate, resolution, 80, 50), DemoData.SEEDER);
    }
}
