/** The social channels' webhooks, API, console mentions page, reply-window panel and accounts admin page. */
package org.kept.social.web;
