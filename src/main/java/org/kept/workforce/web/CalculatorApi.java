package org.kept.workforce.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.kept.workforce.internal.Calculator;
import org.kept.workforce.internal.ErlangA;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staffing maths for planners and integrations. Parameters are read as text so every bad value is a clear 422. */
@RestController
@Tag(name = "workforce")
class CalculatorApi {

    @GetMapping("/api/v1/workforce/erlang-c")
    @PreAuthorize("hasAnyAuthority('WORKFORCE_PLAN', 'REPORT_READ')")
    @Operation(summary = "Agents needed for a service level (Erlang C), or with agents=N how N agents perform; "
            + "params: calls, intervalSeconds, ahtSeconds, targetSeconds, serviceLevel, [maxOccupancy], [shrinkage], "
            + "[agents], [concurrency: chats per agent]")
    Calculator.ErlangCAnswer erlangC(@RequestParam Map<String, String> params) {
        return Calculator.erlangC(params);
    }

    @GetMapping("/api/v1/workforce/erlang-a")
    @PreAuthorize("hasAnyAuthority('WORKFORCE_PLAN', 'REPORT_READ')")
    @Operation(summary = "How agents perform when callers abandon (Erlang A, mean patience); "
            + "params: calls, intervalSeconds, ahtSeconds, patienceSeconds, agents, targetSeconds")
    ErlangA.Performance erlangA(@RequestParam Map<String, String> params) {
        return Calculator.erlangA(params);
    }
}
