/** The customer's chat window and API (authorised by the chat's token) and the agents' chat console and API. */
package org.kept.chat.web;
