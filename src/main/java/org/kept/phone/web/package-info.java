/** The CTI events API, call records and the administrator's test-call page. */
package org.kept.phone.web;
