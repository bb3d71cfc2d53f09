package org.kept.contact;

/**
 * Server push to one person's open pages (推送): a screen pop, a new chat message, a mail that arrived. Reaches the
 * person on whichever instance their browser is connected to. Inside a transaction it is sent when (and only if) the
 * transaction commits. Best effort: a page that is not connected at that moment does not get it later.
 */
public interface Push {

    /** Payloads are kept small (under {@value #MAX_JSON} characters): they travel through PostgreSQL's NOTIFY. */
    int MAX_JSON = 7_000;

    /** Sends {@code json} as an event named {@code event} to every open page of the user. */
    void toUser(long userId, String event, String json);
}
