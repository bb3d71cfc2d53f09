/** Lawful disclosure (警方调证): agencies' requests, the two-person review, minimum release by expiring link, transparency. */
package org.kept.disclosure;
