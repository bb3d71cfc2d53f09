/** The routing module's stores, desks, router and scheduler. */
package org.kept.routing.internal;
