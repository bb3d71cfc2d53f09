/** The planner's pages and the workforce API. */
package org.kept.workforce.web;
