package org.kept.ticket;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.kept.identity.CurrentUser;

/**
 * Repeat contacts (重复来电): a new contact about an open ticket is linked to it instead of becoming a duplicate; the
 * ticket counts its contacts, rises in urgency, and a customer left without an answer shows.
 */
public interface RepeatContacts {

    /**
     * The customer's open tickets that the new contact may be about, best match first. Without {@code personalData}
     * the tickets are compared as masked (scores and shared terms), so a guessed number in the text confirms nothing.
     */
    List<Match> openMatches(long customerId, String text, String category, int limit, boolean personalData);

    /** Records a contact on an open ticket; with an idempotency key a retry records nothing twice. */
    Linked link(long ticketId, Channel channel, String note, CurrentUser by, String idempotencyKey);

    Counter counter(long ticketId);

    /** Counters of many tickets in one query (for a queue page). */
    Map<Long, Counter> counters(Collection<Long> ticketIds);

    /** Per team: tickets created from {@code from} (included) to {@code to} (excluded), how many were contacted again, and how often. */
    List<TeamRate> report(OffsetDateTime from, OffsetDateTime to);

    /**
     * A candidate ticket with its score (0..1) and why it was proposed: shared words, the same category, its age, and
     * {@code meaning} (0..1), how close the texts are in meaning even where they share no word.
     */
    record Match(TicketSummary ticket, double score, List<String> sharedTerms, boolean sameCategory, long ageDays,
                 double meaning) {
    }

    /** The result of a link; {@code replayed} when the same idempotency key was seen before. */
    record Linked(TicketView ticket, Counter counter, boolean replayed, boolean priorityRaised) {
    }

    /**
     * {@code repeatContacts} after the first; {@code unanswered}: no reply to the customer since the latest contact.
     */
    record Counter(int repeatContacts, OffsetDateTime lastContactAt, boolean unanswered) {

        public static final Counter NONE = new Counter(0, null, false);

        /** Every contact, the first one included ("contacted 3 times"). */
        public int contacts() {
            return repeatContacts + 1;
        }

        /** Contacted at least twice and nobody has answered since: must not stay hidden. */
        public boolean alarming() {
            return repeatContacts >= 1 && unanswered;
        }
    }

    /** One team's line of the report; {@code teamId} null for tickets without a team. */
    record TeamRate(Long teamId, long tickets, long ticketsWithRepeats, long repeatContacts) {

        public double rate() {
            return tickets == 0 ? 0 : (double) ticketsWithRepeats / tickets;
        }
    }
}
