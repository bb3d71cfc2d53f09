/** The inbox page: conversations beside the thread, the customer card, history and knowledge answers. */
package org.kept.inbox.web;
