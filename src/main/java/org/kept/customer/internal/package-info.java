/** How customers are stored and searched. */
package org.kept.customer.internal;
