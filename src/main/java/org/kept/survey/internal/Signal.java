package org.kept.survey.internal;

/**
 * Integrity signals (回访真实性提示) for team leads: reasons to look at how a survey was answered, never a verdict on
 * the customer and never used to discount their answer.
 */
public enum Signal {
    /** A link answered from a network address a staff member signed in from. */
    STAFF_NETWORK,
    /** The number or address also received surveys for other customers (a staff phone put on tickets). */
    SHARED_ADDRESS,
    /** Sent to an address that is not one of the customer's, or soon after the customer's contact points changed. */
    CONTACT_CHANGED,
    /** "Satisfied" and then the ticket was reopened within the window. */
    REOPENED_AFTER_SATISFIED
}
