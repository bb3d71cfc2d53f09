package org.kept.routing;

import java.util.Map;

/** An agent's routing skills with levels (1-5), for modules that set up people (the demo centre, an import). */
public interface AgentSkills {

    /** Replaces the agent's skills; a skill name is lower-case words, a level 1 to 5. Returns what is now stored. */
    Map<String, Integer> replaceSkills(long userId, Map<String, Integer> skills);
}
