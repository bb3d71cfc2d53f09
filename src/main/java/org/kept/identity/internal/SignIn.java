package org.kept.identity.internal;

import java.io.Serializable;

/**
 * What a browser session remembers of its sign-in besides the person: the client's address (for the audit) and the
 * account's session epoch at that moment. {@link FreshPageUser} ends the session once the epoch in the database has
 * moved on (password reset, account disabled), whichever instance served the sign-in.
 */
record SignIn(String address, int sessionEpoch) implements Serializable {
}
