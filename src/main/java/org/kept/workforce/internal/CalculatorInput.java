package org.kept.workforce.internal;

import java.util.Map;
import org.kept.shared.KeptException;

/**
 * Reads the calculator's query parameters strictly: a missing, non-numeric, non-finite or out-of-range value is a 422
 * naming the parameter, so no NaN or Infinity can reach the maths or the JSON.
 */
public final class CalculatorInput {

    private final Map<String, String> values;

    public CalculatorInput(Map<String, String> values) {
        this.values = values;
    }

    /** A required number in [min, max]; {@code minExclusive} makes the lower bound strict. */
    public double number(String name, double min, boolean minExclusive, double max) {
        String raw = values.get(name);
        if (raw == null || raw.isBlank()) {
            throw KeptException.invalid("workforce.param.missing", name);
        }
        double v;
        try {
            v = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw KeptException.invalid("workforce.param.range", name, raw, min, max);
        }
        if (!Double.isFinite(v) || v > max || v < min || (minExclusive && v == min)) {
            throw KeptException.invalid("workforce.param.range", name, raw, min, max);
        }
        return v;
    }

    public Double optionalNumber(String name, double min, boolean minExclusive, double max) {
        String raw = values.get(name);
        return raw == null || raw.isBlank() ? null : number(name, min, minExclusive, max);
    }

    public int whole(String name, int min, int max) {
        double v = number(name, min, false, max);
        if (v != Math.rint(v)) {
            throw KeptException.invalid("workforce.param.range", name, values.get(name), min, max);
        }
        return (int) v;
    }

    public Integer optionalWhole(String name, int min, int max) {
        String raw = values.get(name);
        return raw == null || raw.isBlank() ? null : whole(name, min, max);
    }

    /** The contact load every calculation starts from; the offered load is capped at 100,000 erlangs. */
    public Staffing.Load load() {
        double calls = number("calls", 0, false, 10_000_000);
        double interval = number("intervalSeconds", 0, true, 86_400 * 31);
        double aht = number("ahtSeconds", 0, true, 86_400);
        double target = number("targetSeconds", 0, false, 86_400);
        Integer concurrency = optionalWhole("concurrency", 1, 20);
        Staffing.Load load = new Staffing.Load(calls, interval, aht, target, concurrency == null ? 1 : concurrency);
        if (load.traffic() > 100_000) {
            throw KeptException.invalid("workforce.tooLarge", load.traffic());
        }
        return load;
    }
}
