/** Callback pages (the lists and the callback screen) and the callback API. */
package org.kept.callback.web;
