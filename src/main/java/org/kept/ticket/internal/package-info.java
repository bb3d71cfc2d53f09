/** How tickets are stored, numbered, listed and kept safe from double submission and lost updates. */
package org.kept.ticket.internal;
