/**
 * SLA clocks and what they drive. The module keeps its own tables (sla_clock one row per ticket, keyed by ticket id)
 * instead of writing into the ticket table: the ticket module owns that table and must not depend on this module, so
 * {@code ClockKeeper} listens to {@code TicketChanged} in the same transaction, recomputes the deadlines and stores
 * them with the next action time, and implements {@code ticket.TicketDeadlines} through which the ticket API reads
 * them. The scheduler finds due work through the index on {@code sla_clock.next_at}. The SQL here names only this
 * module's tables; tickets, people and customers come through their modules' APIs.
 */
package org.kept.sla.internal;
