/** The authority module's limits, grants, exception requests and their approval chains, and the desks behind them. */
package org.kept.authority.internal;
