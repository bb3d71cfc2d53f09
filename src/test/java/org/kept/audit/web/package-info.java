/** Tests of the audit page: who may open it, its filters and the chain check. */
package org.kept.audit.web;
