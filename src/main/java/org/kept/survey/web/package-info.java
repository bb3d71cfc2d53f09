/** The survey results page and API for leads, and the customer's one-time answer page. */
package org.kept.survey.web;
