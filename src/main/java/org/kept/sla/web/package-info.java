/** SLA API and pages: policies, escalations and the escalation board, expedite, commitments, notifications. */
package org.kept.sla.web;
