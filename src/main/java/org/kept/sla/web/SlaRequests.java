package org.kept.sla.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.kept.customer.CustomerTier;
import org.kept.sla.internal.EscalationRule;
import org.kept.sla.internal.EscalationTier;
import org.kept.sla.internal.Policy;
import org.kept.ticket.Channel;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketType;

/** The bodies the SLA API accepts. */
final class SlaRequests {

    private SlaRequests() {
    }

    /** A policy; every condition field is optional, none at all makes a fallback. Minutes are working minutes. */
    record PolicyBody(@NotBlank @Size(max = 100) String name, Integer position, TicketType type, @Size(max = 40) String category,
                      Priority priority, Channel channel, Long teamId, CustomerTier tier, Long calendarId,
                      @NotNull Integer firstResponseMinutes, Integer nextUpdateMinutes, @NotNull Integer resolutionMinutes,
                      Integer warnPercent, Integer expeditePercent, Integer version) {
        Policy policy() {
            return new Policy(0, name == null ? null : name.strip(), position == null ? 100 : position, type,
                    category == null || category.isBlank() ? null : category, priority, channel, teamId, tier, calendarId,
                    firstResponseMinutes, nextUpdateMinutes, resolutionMinutes, warnPercent == null ? 80 : warnPercent,
                    expeditePercent == null ? 50 : expeditePercent, version == null ? 0 : version);
        }
    }

    /**
     * An escalation rule: every condition given must hold ({@code keywords}: the text contains any of them;
     * {@code minContacts}: contacted at least this often); then the ticket is escalated to {@code tier}.
     */
    record RuleBody(@NotBlank @Size(max = 100) String name, Integer position, Boolean enabled, List<String> keywords,
                    Priority priority, Integer minContacts, @Size(max = 40) String category, CustomerTier customerTier,
                    @NotNull Integer tier, Integer version) {
        EscalationRule rule() {
            return new EscalationRule(0, name, position == null ? 100 : position, enabled == null || enabled,
                    EscalationRule.conditions(keywords, priority, minContacts,
                            category == null || category.isBlank() ? null : category, customerTier),
                    tier, version == null ? 0 : version);
        }
    }

    /** The whole escalation ladder, level 0 first, with the version read. */
    record TiersBody(@NotNull List<EscalationTier> tiers, @NotNull Integer version) {
    }

    /** {@code kind}: FUNCTIONAL (default: move to the next tier) or HIERARCHICAL (tell the lead, stay). */
    record Escalation(@NotBlank @Size(max = 2000) String note, String kind) {
    }

    record Expedite(@NotBlank @Size(max = 500) String reason) {
    }

    /** {@code callBack}: the promise is to call the customer (a callback task opens when it falls due). */
    record Promise(@NotBlank @Size(max = 500) String promise, @NotNull OffsetDateTime due, Boolean callBack) {
    }

    /** A kept promise; a progress call that agreed a new time gives {@code nextPromise} and {@code nextDue}. */
    record Kept(@NotBlank @Size(max = 1000) String outcome, Integer version, @Size(max = 500) String nextPromise,
                OffsetDateTime nextDue) {
    }
}
