package org.kept.protection;

import java.time.LocalDate;

/** An agent reached the day's threshold of flagged contacts; the agent's leads are told (once a day). */
public record AgentExposureAlert(long userId, LocalDate day, long flaggedToday, java.util.List<Long> leadIds) {
}
