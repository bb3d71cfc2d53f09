/** Audit: an append-only, hash-chained log of everything that matters; it listens to all modules and nobody depends on it. */
package org.kept.audit;
