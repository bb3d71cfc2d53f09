package org.kept.contact;

import java.time.Instant;

/** A contact moved in from an earlier system (or a demo centre's past), already concluded: ended and its outcome. */
public record HistoricContact(NewContact contact, Instant endedAt, String outcome) {
}
