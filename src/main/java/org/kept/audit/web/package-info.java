/** The audit log over HTTP: list, verify, and the audit page for compliance and administrators. */
package org.kept.audit.web;
