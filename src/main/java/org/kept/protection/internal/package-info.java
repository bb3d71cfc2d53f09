/** The protection module's desks and store: flags, restrictions with the two-person rule, appeals, exposure. */
package org.kept.protection.internal;
