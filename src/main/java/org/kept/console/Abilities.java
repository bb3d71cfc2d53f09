package org.kept.console;

import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;

/** Which controls a page offers the viewer; the endpoints check the same permissions again. */
record Abilities(boolean write, boolean merge, boolean reveal, boolean writeCustomers) {

    static Abilities of(CurrentUser me) {
        if (me == null) {
            return new Abilities(false, false, false, false);
        }
        // someone who already sees personal data in full has nothing to reveal
        return new Abilities(me.can(Permission.TICKET_WRITE), me.can(Permission.TICKET_MERGE),
                me.can(Permission.PII_REVEAL) && !me.seesPersonalData(), me.can(Permission.CUSTOMER_WRITE));
    }
}
