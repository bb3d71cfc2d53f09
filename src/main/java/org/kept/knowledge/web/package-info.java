/** The knowledge API, the console's knowledge pages and the portal's help pages. */
package org.kept.knowledge.web;
