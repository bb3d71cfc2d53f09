package org.kept.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kept.shared.KeptException;
import org.kept.ticket.TicketPromises;

/** The confirm step's answers ({@code promise.<id>} = KEEP, KEPT or CANCEL; {@code reason.<id>}) as decisions. */
final class PromiseDecisions {

    private static final String PROMISE = "promise.";

    private PromiseDecisions() {
    }

    static List<TicketPromises.Decision> from(Map<String, String> form) {
        List<TicketPromises.Decision> decisions = new ArrayList<>();
        form.forEach((name, value) -> {
            if (!name.startsWith(PROMISE) || value == null || value.isBlank()) {
                return;
            }
            try {
                long id = Long.parseLong(name.substring(PROMISE.length()));
                decisions.add(new TicketPromises.Decision(id, TicketPromises.Outcome.valueOf(value),
                        form.get("reason." + id)));
            } catch (IllegalArgumentException e) {
                throw KeptException.invalid("ticket.promises.badDecision", name);
            }
        });
        return decisions;
    }
}
