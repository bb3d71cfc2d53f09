/** How contacts and the outbox are stored, and the worker that sends what the outbox holds. */
package org.kept.contact.internal;
