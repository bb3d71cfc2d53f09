/** Workforce planning (排班): forecasts, Erlang C / Erlang A staffing, rosters and shift handover (交接班). */
package org.kept.workforce;
