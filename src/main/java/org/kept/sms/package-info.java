/** SMS (短信): sending through a provider, delivery reports and customer replies, on the contact timeline. */
package org.kept.sms;
