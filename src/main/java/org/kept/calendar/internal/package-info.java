/** Calendar definitions, their storage and the business-time arithmetic behind {@link org.kept.calendar.BusinessCalendar}. */
package org.kept.calendar.internal;
