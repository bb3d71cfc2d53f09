package org.kept.protection;

import java.util.Optional;

/**
 * Where a contact's recording is, for the evidence package. The telephony module may provide it (the integrator wires
 * it); without one the package lists the contacts without recordings.
 */
public interface Recordings {

    Optional<String> uriOf(long contactId);
}
