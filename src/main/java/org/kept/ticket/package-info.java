/** Tickets (工单): types, states, priorities, replies and notes, assignment, and a timeline of typed changes. */
package org.kept.ticket;
