package org.kept.aftersales.web;

import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kept.aftersales.internal.AftersalesCase;
import org.kept.aftersales.internal.CaseDesk;
import org.kept.aftersales.internal.OrderDesk;
import org.kept.aftersales.internal.OrderView;
import org.kept.aftersales.internal.ReconDesk;
import org.kept.aftersales.internal.RefundDesk;
import org.kept.aftersales.internal.RefundState;
import org.kept.aftersales.internal.ReturnWindow;
import org.kept.identity.CurrentUser;
import org.kept.ticket.Tickets;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The ticket page's orders panel (loaded beside the ticket) and the reconciliation page. */
@Controller
class AftersalesPages {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Tickets tickets;
    private final OrderDesk orders;
    private final CaseDesk cases;
    private final RefundDesk refunds;
    private final ReconDesk recon;
    private final Clock clock;

    AftersalesPages(Tickets tickets, OrderDesk orders, CaseDesk cases, RefundDesk refunds, ReconDesk recon, Clock clock) {
        this.tickets = tickets;
        this.orders = orders;
        this.cases = cases;
        this.refunds = refunds;
        this.recon = recon;
        this.clock = clock;
    }

    @GetMapping("/console/tickets/{id}/orders")
    @PreAuthorize("hasAuthority('ORDER_READ')")
    String panel(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
        var ticket = tickets.get(id);
        ZoneId zone = cases.zone();
        Instant now = clock.instant();
        List<Map<String, Object>> shown = orders.ofCustomer(ticket.customerId()).stream().map(o -> order(o, me, zone)).toList();
        model.addAttribute("orders", shown);
        model.addAttribute("cases", cases.ofTicket(id).stream().map(c -> aCase(c, zone, now)).toList());
        return "aftersales/panel :: panel";
    }

    private Map<String, Object> order(OrderView o, CurrentUser me, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderNo", o.orderNo());
        m.put("placedAt", shown(o.placedAt(), zone));
        m.put("total", o.total().decimal() + " " + o.total().currency());
        m.put("receiver", String.join(" ", String.valueOf(AftersalesJson.name(o.receiverName(), me)),
                String.valueOf(AftersalesJson.phone(o.receiverPhone(), me)),
                String.valueOf(AftersalesJson.address(o.receiverAddress(), me))));
        m.put("lines", o.lines().stream().map(l -> {
            ReturnWindow w = cases.window(o, l);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("title", l.title());
            line.put("quantity", l.quantity());
            line.put("paid", l.paid().decimal());
            line.put("refunded", l.refunded().decimal());
            line.put("window", w.status().name());
            line.put("windowDay", w.closesAt() == null ? "" : (w.status() == ReturnWindow.Status.OPEN
                    ? String.valueOf(w.lastDay(zone)) : String.valueOf(w.lastDay(zone))));
            return line;
        }).toList());
        m.put("payments", o.payments().stream().map(p -> p.provider() + " " + p.transactionId() + " " + p.amount().decimal()
                + " · " + shown(p.paidAt(), zone)).toList());
        m.put("shipments", o.shipments().stream().map(s -> Map.of("carrier", String.valueOf(s.carrier()),
                "trackingNo", String.valueOf(s.trackingNo()), "delivered", shown(s.deliveredAt(), zone))).toList());
        m.put("refunds", refunds.ofOrder(o.id()).stream().map(r -> r.refundNo() + " " + r.amount().decimal() + " "
                + r.state()).toList());
        return m;
    }

    private Map<String, Object> aCase(AftersalesCase c, ZoneId zone, Instant now) {
        boolean refunded = refunds.ofCase(c.id()).stream().anyMatch(r -> r.state() == RefundState.SUCCEEDED);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("kind", c.kind().name());
        m.put("orderNo", c.orderNo());
        m.put("state", c.state().name());
        m.put("refundDue", c.refundDueAt() == null ? null : shown(c.refundDueAt(), zone));
        m.put("overdue", c.overdue(now, refunded));
        m.put("pickup", cases.pickup(c.id()).map(p -> shown(p.windowStart(), zone)).orElse(null));
        return m;
    }

    private static String shown(Instant at, ZoneId zone) {
        return at == null ? "" : SHOWN.format(at.atZone(zone));
    }

    @GetMapping("/console/reconciliations")
    @PreAuthorize("hasAuthority('RECONCILE')")
    String reconciliations(@RequestParam(required = false) Long run, Model model) {
        model.addAttribute("runs", recon.runs());
        if (run != null) {
            model.addAttribute("run", recon.run(run));
            model.addAttribute("exceptions", recon.exceptions(run));
        }
        model.addAttribute("today", LocalDate.now(clock.withZone(cases.zone())).minusDays(1));
        return "aftersales/reconciliations";
    }

    @PostMapping("/console/reconciliations")
    @PreAuthorize("hasAuthority('RECONCILE')")
    String reconcile(@RequestParam String provider, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                     @RequestParam("bill") MultipartFile bill, @AuthenticationPrincipal CurrentUser me,
                     RedirectAttributes redirect) throws IOException {
        Charset charset = provider.equalsIgnoreCase("ALIPAY") ? Charset.forName("GBK") : java.nio.charset.StandardCharsets.UTF_8;
        var run = recon.reconcile(provider, date, bill.getOriginalFilename(), bill.getInputStream(), charset, me.id());
        return "redirect:/console/reconciliations?run=" + run.id();
    }
}
