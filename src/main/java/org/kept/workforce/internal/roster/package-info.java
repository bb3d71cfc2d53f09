/** The roster (排班) as a planning problem for Timefold Solver: shift slots cut from the requirement, agents, rules. */
package org.kept.workforce.internal.roster;
