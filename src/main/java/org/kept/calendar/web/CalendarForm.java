package org.kept.calendar.web;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kept.calendar.CalendarDefinition;
import org.kept.calendar.CalendarDefinition.DateRange;
import org.kept.calendar.CalendarDefinition.Period;
import org.kept.calendar.internal.StoredCalendar;

/**
 * The calendar form: one line of periods per weekday ({@code 08:30-12:00, 13:30-17:30}), holidays one per line
 * ({@code 2026-10-01} or {@code 2026-10-01/2026-10-07}), make-up working days one per line.
 */
class CalendarForm {

    private String name;
    private String timeZone = "Asia/Shanghai";
    private boolean roundTheClock;
    private Map<String, String> hours = new LinkedHashMap<>();
    private String holidays = "";
    private String workingDays = "";
    private Integer version;
    private String formKey;

    static CalendarForm blank(String zone) {
        CalendarForm form = new CalendarForm();
        form.timeZone = zone;
        for (DayOfWeek day : DayOfWeek.values()) {
            form.hours.put(day.name(), day.getValue() <= 5 ? "09:00-12:00, 13:00-18:00" : "");
        }
        return form;
    }

    static CalendarForm of(StoredCalendar stored) {
        CalendarDefinition d = stored.definition();
        CalendarForm form = new CalendarForm();
        form.name = d.name();
        form.timeZone = d.zone().getId();
        form.roundTheClock = d.roundTheClock();
        for (DayOfWeek day : DayOfWeek.values()) {
            form.hours.put(day.name(), d.hoursOn(day).stream()
                    .map(p -> CalendarDefinition.time(p.fromMinute()) + "-" + CalendarDefinition.time(p.toMinute()))
                    .collect(Collectors.joining(", ")));
        }
        form.holidays = d.holidays().stream().map(r -> r.single() ? r.first().toString() : r.first() + "/" + r.last())
                .collect(Collectors.joining("\n"));
        form.workingDays = d.workingDays().stream().map(Object::toString).collect(Collectors.joining("\n"));
        form.version = stored.version();
        return form;
    }

    /** The definition the form describes; a refusal names what is wrong. */
    CalendarDefinition definition() {
        List<Period> periods = new ArrayList<>();
        if (!roundTheClock) {
            for (DayOfWeek day : DayOfWeek.values()) {
                for (String range : words(hours.get(day.name()))) {
                    String[] ends = range.split("[-–~]", 2);
                    periods.add(new Period(day, CalendarJson.minute(ends[0]),
                            CalendarJson.minute(ends.length > 1 ? ends[1] : "")));
                }
            }
        }
        List<DateRange> off = words(holidays).stream().map(CalendarJson::range).toList();
        return new CalendarDefinition(name, CalendarJson.zone(timeZone), roundTheClock, periods, off,
                CalendarJson.dates(words(workingDays)));
    }

    private static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.strip().split("[\\s,，;；]+"));
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public boolean isRoundTheClock() {
        return roundTheClock;
    }

    public void setRoundTheClock(boolean roundTheClock) {
        this.roundTheClock = roundTheClock;
    }

    public Map<String, String> getHours() {
        return hours;
    }

    public void setHours(Map<String, String> hours) {
        this.hours = hours;
    }

    public String getHolidays() {
        return holidays;
    }

    public void setHolidays(String holidays) {
        this.holidays = holidays;
    }

    public String getWorkingDays() {
        return workingDays;
    }

    public void setWorkingDays(String workingDays) {
        this.workingDays = workingDays;
    }

    public Integer getVersion() {
        return version;
    }

    public void setVersion(Integer version) {
        this.version = version;
    }

    public String getFormKey() {
        return formKey;
    }

    public void setFormKey(String formKey) {
        this.formKey = formKey;
    }
}
