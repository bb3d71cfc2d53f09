/** The providers' callbacks (delivery reports, replies) and the admins' SMS demo page. */
package org.kept.sms.web;
