package org.kept.workforce.internal;

/**
 * How far a forecast was from what happened, interval by interval. WAPE (Σ|f−a| / Σa) is the headline because it
 * stays meaningful on quiet night intervals; MAPE is averaged only over intervals that had contacts.
 */
public record Accuracy(double[] forecast, double[] actual, double[] error, double wape, double mape) {

    public static Accuracy of(double[] forecast, double[] actual) {
        double[] error = new double[forecast.length];
        double absolute = 0;
        double total = 0;
        double percent = 0;
        int counted = 0;
        for (int i = 0; i < forecast.length; i++) {
            error[i] = forecast[i] - actual[i];
            absolute += Math.abs(error[i]);
            total += actual[i];
            if (actual[i] > 0) {
                percent += Math.abs(error[i]) / actual[i];
                counted++;
            }
        }
        double wape = total == 0 ? (absolute == 0 ? 0 : 1) : absolute / total;
        return new Accuracy(forecast, actual, error, wape, counted == 0 ? 0 : percent / counted);
    }

    public double forecastTotal() {
        return Forecaster.sum(forecast);
    }

    public double actualTotal() {
        return Forecaster.sum(actual);
    }
}
