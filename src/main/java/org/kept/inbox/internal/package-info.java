/** The inbox's read marks and the desk that gathers every channel's conversations for one agent. */
package org.kept.inbox.internal;
