/** Business calendars (工作日历): weekly hours, holidays, make-up working days (调休), and business-time arithmetic. */
package org.kept.calendar;
