/** Kept, a customer-service centre platform: one application, modules as top-level packages. */
package org.kept;
