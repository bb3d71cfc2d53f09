/** Storage, sealing and verification of the audit chain. */
package org.kept.audit.internal;
