/** The callback module's tasks, attempts and rules per reason, and the desk behind {@link org.kept.callback.Callbacks}. */
package org.kept.callback.internal;
