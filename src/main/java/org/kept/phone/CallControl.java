package org.kept.phone;

import java.util.List;
import java.util.Optional;

/** Commands Kept sends to the PBX about a call that is on, or about an agent's calls. */
public interface CallControl {

    /**
     * Asks the PBX carrying the contact's call to play the abuse prompt and hang up (an agent ended it for abuse), where
     * the PBX can take commands; the command and the PBX's answer are recorded on the call. Empty when the contact is
     * no call; never throws for a PBX that is away (the outcome says FAILED).
     */
    Optional<Outcome> endForAbuse(long contactId, String reason);

    /**
     * Asks every enabled PBX that takes commands to stop offering this agent calls ({@code paused}) or to offer them
     * again: a lead moved the agent to written channels only after abusive contacts, or back. Kept does not hand out
     * calls itself, so without this the move would only change what Kept's router offers. One outcome per PBX,
     * audited; never throws for a PBX that is away.
     */
    List<Outcome> agentCalls(long agentId, boolean paused, String reason);

    /** What became of a command: SENT, FAILED, UNSUPPORTED (the PBX takes no commands) or SKIPPED (the call had ended). */
    record Outcome(String status, String via, String detail) {
    }
}
