/** How workforce planning is computed and stored: Erlang maths, forecasts, the roster solver, handover sheets. */
package org.kept.workforce.internal;
