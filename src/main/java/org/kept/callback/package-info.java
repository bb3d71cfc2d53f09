/** Callbacks (回电/回访): tasks to call a customer back, with the case, the script and each attempt's outcome. */
package org.kept.callback;
