/** Call events applied idempotently, call records, PBX integrations and the screen pop. */
package org.kept.phone.internal;
