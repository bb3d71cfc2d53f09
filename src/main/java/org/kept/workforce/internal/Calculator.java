package org.kept.workforce.internal;

import java.util.Map;
import org.kept.shared.KeptException;

/** The staffing calculator behind the API and the planner's page: Erlang C search or evaluation, Erlang A evaluation. */
public final class Calculator {

    private Calculator() {
    }

    public static ErlangCAnswer erlangC(Map<String, String> params) {
        CalculatorInput in = new CalculatorInput(params);
        Staffing.Load load = in.load();
        Double serviceLevel = in.optionalNumber("serviceLevel", 0, false, 1);
        Double maxOccupancy = in.optionalNumber("maxOccupancy", 0, true, 1);
        Double shrinkage = in.optionalNumber("shrinkage", 0, false, 0.95);
        Integer agents = in.optionalWhole("agents", 1, 1_000_000);
        double s = shrinkage == null ? 0 : shrinkage;
        Staffing.Answer answer;
        if (agents != null) {
            answer = Staffing.evaluate(load, agents, s);
        } else {
            if (serviceLevel == null) {
                throw KeptException.invalid("workforce.param.missing", "serviceLevel");
            }
            answer = Staffing.required(load, serviceLevel, maxOccupancy, s);
        }
        ErlangC.Performance p = answer.performance();
        return new ErlangCAnswer(answer.agents(), p.serviceLevel(), p.probabilityOfWaiting(), p.asaSeconds(), p.occupancy(),
                answer.grossAgents());
    }

    public static ErlangA.Performance erlangA(Map<String, String> params) {
        CalculatorInput in = new CalculatorInput(params);
        Staffing.Load load = in.load();
        double patience = in.number("patienceSeconds", 0, true, 86_400);
        int agents = in.whole("agents", 1, 100_000);
        try {
            return ErlangA.evaluate(load.calls() / load.intervalSeconds(), load.ahtSeconds(), patience,
                    agents * load.concurrency(), load.targetSeconds());
        } catch (ErlangA.TooLarge e) {
            throw KeptException.invalid("workforce.erlangA.tooLarge");
        }
    }

    /** The Erlang C answer as the API returns it. */
    public record ErlangCAnswer(int agents, double serviceLevel, double probabilityOfWaiting, double asaSeconds,
                                double occupancy, int grossAgents) {
    }
}
