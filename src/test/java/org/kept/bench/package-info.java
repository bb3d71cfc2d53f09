/** Load drivers for a running Kept (ticket creation, queue pages); run by hand, never by the test suite: see docs/benchmarks.md. */
package org.kept.bench;
