/** The ticket page's relay panel, the relay API and the providers' call-report hooks. */
package org.kept.relay.web;
