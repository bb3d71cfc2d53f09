package org.kept.workforce.internal;

import java.time.LocalDate;

/**
 * A planner's word on one day: a campaign or outage scales the forecast ({@code factor}, e.g. 1.5); manual numbers
 * replace it. {@code channel} is a ticket channel name or {@code ALL}.
 */
public record ForecastOverride(LocalDate day, String channel, Kind kind, Double factor, double[] volumes, String note) {

    public enum Kind { CAMPAIGN, OUTAGE, MANUAL }

    double[] apply(double[] forecast) {
        if (kind == Kind.MANUAL && volumes != null) {
            return volumes.clone();
        }
        double[] out = forecast.clone();
        double f = factor == null ? 1.0 : factor;
        for (int i = 0; i < out.length; i++) {
            out[i] *= f;
        }
        return out;
    }
}
