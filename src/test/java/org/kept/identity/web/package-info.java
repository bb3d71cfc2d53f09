/** Tests of identity over HTTP: the admin API and pages, as an administrator and as everyone who must be refused. */
package org.kept.identity.web;
