/** Live chat (在线客服): customers' conversations from the portal and a centre's own site, answered in the console. */
package org.kept.chat;
