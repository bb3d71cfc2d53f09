/** Identity over HTTP: the token endpoint, the login page and the admin pages and API for users, teams and roles. */
package org.kept.identity.web;
