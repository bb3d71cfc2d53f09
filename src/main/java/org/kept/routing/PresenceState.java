package org.kept.routing;

/** An agent's state. ON_CONTACT and AFTER_CONTACT_WORK are set by their work; the others by the agent. */
public enum PresenceState {
    AVAILABLE, ON_CONTACT, AFTER_CONTACT_WORK, NOT_READY, OFFLINE;

    /** States in which routing may offer work (capacity allowing). */
    public boolean routable() {
        return this == AVAILABLE || this == ON_CONTACT;
    }

    /** States an agent chooses; the others follow from their work. */
    public boolean chosen() {
        return this == AVAILABLE || this == NOT_READY || this == OFFLINE;
    }
}
