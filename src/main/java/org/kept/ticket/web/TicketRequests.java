package org.kept.ticket.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.kept.ticket.Channel;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketType;

/** The bodies the ticket API accepts; limits here give clear 422s before anything is stored. */
final class TicketRequests {

    private TicketRequests() {
    }

    record Create(@NotNull TicketType type, @Size(max = 40) String category, Channel channel, Priority priority,
                  @NotBlank @Size(max = 200) String subject, @Size(max = 10000) String description,
                  @Size(max = 100) String incidentTime, @Size(max = 200) String incidentPlace,
                  @Size(max = 500) String peopleInvolved, @Size(max = 40) String contactPhone,
                  @NotNull Long customerId, Long teamId, Long assigneeId, org.kept.ticket.Handling handling) {
    }

    record Text(@NotBlank @Size(max = 10000) String body, Integer version) {
    }

    /** A reply; with articleId and articleVersion it cites the knowledge-base article it was made from. */
    record Reply(@NotBlank @Size(max = 10000) String body, Integer version, Long articleId, Integer articleVersion) {
    }

    /**
     * {@code promises}: what becomes of each open promise when the ticket is resolved or closed (KEEP it open, KEPT,
     * CANCEL with a reason); without them a ticket with open promises is refused with a 409 that lists them.
     */
    record Transition(@NotNull TicketState to, @NotNull Integer version,
                      java.util.List<@jakarta.validation.Valid PromiseDecision> promises) {
        java.util.List<org.kept.ticket.TicketPromises.Decision> decisions() {
            return promises == null ? java.util.List.of() : promises.stream()
                    .map(p -> new org.kept.ticket.TicketPromises.Decision(p.id(), p.outcome(), p.reason())).toList();
        }
    }

    record PromiseDecision(@NotNull Long id, @NotNull org.kept.ticket.TicketPromises.Outcome outcome,
                           @Size(max = 1000) String reason) {
    }

    record Assignment(Long teamId, Long assigneeId, @NotNull Integer version) {
    }

    record PriorityChange(@NotNull Priority priority, @NotNull Integer version) {
    }

    /** {@code version}: the duplicate's version as read; optional, but without it a concurrent change is not noticed. */
    record Merge(@NotNull Long into, Integer version) {
    }

    record Reveal(@NotBlank @Size(min = 4, max = 500) String reason) {
    }

    /** What a customer submits on the portal: no team, no assignee, no priority. */
    record PortalCreate(@NotNull TicketType type, @Size(max = 40) String category, @NotBlank @Size(max = 200) String subject,
                        @NotBlank @Size(max = 10000) String description, @Size(max = 100) String incidentTime,
                        @Size(max = 200) String incidentPlace, @Size(max = 40) String contactPhone) {
    }
}
