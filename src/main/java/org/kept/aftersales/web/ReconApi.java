package org.kept.aftersales.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.kept.aftersales.internal.ReconDesk;
import org.kept.aftersales.internal.ReconRun;
import org.kept.identity.CurrentUser;
import org.kept.shared.IdempotentResponses;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 对账: the providers' daily bills matched with Kept's payments and refunds. */
@RestController
@Tag(name = "aftersales")
class ReconApi {

    private final ReconDesk desk;

    ReconApi(ReconDesk desk) {
        this.desk = desk;
    }

    @PostMapping("/api/v1/reconciliations")
    @PreAuthorize("hasAuthority('RECONCILE')")
    @Operation(summary = "Reconcile a provider's daily bill (the CSV as the body, text/csv; charset=GBK for Alipay's)",
            description = "provider WECHAT or ALIPAY in their bill layouts. The body is streamed; the answer counts matched "
                    + "rows and each exception: PROVIDER_ONLY (长款), KEPT_ONLY (短款), AMOUNT_MISMATCH, DUPLICATE_PAYMENT "
                    + "(which opens one DUPLICATE_ORDER case per extra payment, however often the bill is reconciled).")
    ResponseEntity<Map<String, Object>> reconcile(@RequestParam String provider,
                                                  @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                                  HttpServletRequest request, @AuthenticationPrincipal CurrentUser me)
            throws IOException {
        String encoding = request.getCharacterEncoding();
        ReconRun run = desk.reconcile(provider, date, "api", request.getInputStream(),
                encoding == null ? null : Charset.forName(encoding), me.id());
        return IdempotentResponses.created("/api/v1/reconciliations/" + run.id(), false, json(run));
    }

    @GetMapping("/api/v1/reconciliations")
    @PreAuthorize("hasAuthority('RECONCILE')")
    @Operation(summary = "The latest reconciliations with their counts")
    List<Map<String, Object>> runs() {
        return desk.runs().stream().map(ReconApi::json).toList();
    }

    @GetMapping("/api/v1/reconciliations/{id}")
    @PreAuthorize("hasAuthority('RECONCILE')")
    @Operation(summary = "A reconciliation with its exceptions (first 1000)")
    Map<String, Object> run(@PathVariable long id) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(json(desk.run(id)));
        body.put("exceptions", desk.exceptions(id));
        return body;
    }

    static Map<String, Object> json(ReconRun r) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", r.id());
        m.put("provider", r.provider());
        m.put("billDate", r.billDate().toString());
        m.put("rows", r.billRows());
        m.put("matched", r.matched());
        m.put("providerOnly", r.providerOnly());
        m.put("keptOnly", r.keptOnly());
        m.put("amountMismatch", r.mismatched());
        m.put("duplicatePayments", r.duplicates());
        m.put("startedAt", r.startedAt());
        m.put("finishedAt", r.finishedAt());
        return m;
    }
}
