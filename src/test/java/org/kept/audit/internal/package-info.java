/** Tests of the audit key, without Spring. */
package org.kept.audit.internal;
