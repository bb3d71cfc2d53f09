/** The disclosure module's requests, checklist, reviews, releases and reports, and the desks behind them. */
package org.kept.disclosure.internal;
