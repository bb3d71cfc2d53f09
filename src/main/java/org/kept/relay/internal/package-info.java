/** The relay module's counterparties, AXB bindings, call reports, restrictions, and the provider and platform adapters. */
package org.kept.relay.internal;
