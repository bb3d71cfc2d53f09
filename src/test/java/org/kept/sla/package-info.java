/** Tests of the sla module through its API. */
package org.kept.sla;
