package org.kept.knowledge;

import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;

/** Who may read an article: staff only, or everyone including customers on the self-service portal. */
public enum Audience {
    INTERNAL,
    PUBLIC;

    /** The audiences a reader may see: customers (and anyone without ticket access) the public ones only. */
    public static boolean staff(CurrentUser reader) {
        return reader != null && reader.can(Permission.TICKET_READ);
    }

    public boolean readableBy(CurrentUser reader) {
        return this == PUBLIC || staff(reader);
    }
}
