/** Presence and routing (ACD): agents' states, skills and capacity, queues as rules, written work offered to one agent at a time. */
package org.kept.routing;
