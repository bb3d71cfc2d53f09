/** Routing's API, the presence control, the queue view and the rules page. */
package org.kept.routing.web;
