package org.kept.disclosure.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kept.aftersales.Orders;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.customer.Customer;
import org.kept.customer.Customers;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.Tickets;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gathers exactly the approved fields about the subject, for the approved period, through the owning modules' public
 * APIs (customers, tickets, contacts, orders), into one package as JSON and as CSV. A field not approved is never
 * read, so it cannot leak; records outside the period are left out.
 */
@Component
class PackageBuilder {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MOST = 500;

    private final Customers customers;
    private final Tickets tickets;
    private final Contacts contacts;
    private final Orders orders;

    PackageBuilder(Customers customers, Tickets tickets, Contacts contacts, Orders orders) {
        this.customers = customers;
        this.tickets = tickets;
        this.contacts = contacts;
        this.orders = orders;
    }

    /** The package, and whether it holds any data at all (the transparency report counts "none" apart). */
    record Built(String json, String csv, boolean produced, Long customerId) {
    }

    Built build(DisclosureRequest r, String agencyName, List<Codes.DataField> fields, Instant from, Instant to, Instant now) {
        Optional<Orders.OrderFacts> order = r.subjectKind() == Codes.SubjectKind.PHONE ? Optional.empty()
                : orders.byNumber(r.subjectValue());
        Optional<Customer> customer = r.subjectKind() == Codes.SubjectKind.PHONE ? customers.byPhone(r.subjectValue())
                : order.map(Orders.OrderFacts::customerId).flatMap(customers::find);
        List<String[]> rows = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        for (Codes.DataField f : fields) {
            switch (f) {
                case NAME -> customer.ifPresent(c -> {
                    data.put("name", c.name());
                    rows.add(new String[]{"customer", "", "name", c.name()});
                });
                case PHONES -> customer.ifPresent(c -> {
                    data.put("phones", c.phones());
                    c.phones().forEach(p -> rows.add(new String[]{"customer", "", "phone", p}));
                });
                case EMAILS -> customer.ifPresent(c -> {
                    data.put("emails", c.emails());
                    c.emails().forEach(e -> rows.add(new String[]{"customer", "", "email", e}));
                });
                case TICKETS -> customer.ifPresent(c -> {
                    List<Map<String, Object>> list = new ArrayList<>();
                    for (TicketSummary t : tickets.ofCustomer(c.id(), MOST)) {
                        if (within(t.createdAt().toInstant(), from, to)) {
                            list.add(row(rows, "ticket", t.number(), "createdAt", t.createdAt().toInstant().toString(),
                                    "type", t.type().name(), "state", t.state().name(), "subject", t.subject()));
                        }
                    }
                    data.put("tickets", list);
                });
                case CONTACTS -> customer.ifPresent(c -> {
                    List<Map<String, Object>> list = new ArrayList<>();
                    for (Contact k : contacts.ofCustomer(c.id(), MOST)) {
                        if (within(k.startedAt(), from, to)) {
                            list.add(row(rows, "contact", Long.toString(k.id()), "channel", k.channel().name(),
                                    "direction", k.direction().name(), "address", k.address(), "startedAt",
                                    String.valueOf(k.startedAt()), "endedAt", String.valueOf(k.endedAt())));
                        }
                    }
                    data.put("contacts", list);
                });
                case ORDERS -> {
                    List<Orders.OrderFacts> source = order.isPresent() ? List.of(order.get())
                            : customer.map(c -> orders.ofCustomer(c.id())).orElse(List.of());
                    List<Map<String, Object>> list = new ArrayList<>();
                    for (Orders.OrderFacts o : source) {
                        if (o.placedAt() != null && within(o.placedAt(), from, to)) {
                            list.add(row(rows, "order", o.orderNo(), "placedAt", o.placedAt().toString(), "total",
                                    o.total(), "receiverName", o.receiverName(), "receiverPhone", o.receiverPhone(),
                                    "receiverAddress", o.receiverAddress(), "lines", String.join("; ", o.lines()),
                                    "payments", String.join("; ", o.payments())));
                        }
                    }
                    data.put("orders", list);
                }
                default -> throw new IllegalStateException(f.name());
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("request", Map.of("id", r.id(), "caseNo", r.caseNo(), "agency", agencyName,
                "fields", fields.stream().map(Enum::name).toList(), "from", from.toString(), "to", to.toString(),
                "generatedAt", now.toString()));
        document.put("subject", Map.of("kind", r.subjectKind().name(), "value", r.subjectValue()));
        document.put("data", data);
        StringBuilder csv = new StringBuilder("section,item,field,value\r\n");
        rows.forEach(x -> csv.append(cell(x[0])).append(',').append(cell(x[1])).append(',').append(cell(x[2])).append(',')
                .append(cell(x[3])).append("\r\n"));
        return new Built(JSON.writeValueAsString(document), csv.toString(), !rows.isEmpty(),
                customer.map(Customer::id).orElse(null));
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }

    /** One record as a map for the JSON, and as one CSV row per field. */
    private static Map<String, Object> row(List<String[]> rows, String section, String item, String... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", item);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
            rows.add(new String[]{section, item, namesAndValues[i], namesAndValues[i + 1]});
        }
        return m;
    }

    /** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula. */
    static String cell(String v) {
        String s = v == null ? "" : v;
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return s.indexOf('"') >= 0 || s.indexOf(',') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
