/** How conversations and their messages are stored, deduplicated by the client's ids, pushed and put on tickets. */
package org.kept.chat.internal;
