/** The push stream a signed-in page listens to (server-sent events). */
package org.kept.contact.web;
