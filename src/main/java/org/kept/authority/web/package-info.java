/** Authority pages (the ticket's grant form, the approver's inbox, limits, report) and the authority API. */
package org.kept.authority.web;
