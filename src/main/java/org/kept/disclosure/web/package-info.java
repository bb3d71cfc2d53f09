/** The disclosure module's pages and API: the officer's form and link, the compliance console, the transparency report. */
package org.kept.disclosure.web;
