/** Promises that are kept: SLA policies and clocks, warnings and breaches, escalation, expedite (加急) and commitments. */
package org.kept.sla;
