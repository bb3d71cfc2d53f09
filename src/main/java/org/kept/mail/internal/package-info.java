/** The mail channel's parsing, threading, stores, pollers and sender. */
package org.kept.mail.internal;
