/** The calendar API and the administrators' calendar pages with their live deadline preview. */
package org.kept.calendar.web;
