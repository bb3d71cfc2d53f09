/** Telephony (电话): CTI events from any PBX, call records, screen pop to the ringing agent. */
package org.kept.phone;
