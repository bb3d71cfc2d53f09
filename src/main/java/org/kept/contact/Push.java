package org.kept.contact;

/**
 * Server push to one person's open pages (推送): a screen pop, a new chat message, a mail that arrived. Reaches the
 * person on whichever instance their browser is connected to. Inside a transaction it is sent when (and only if) the
 * transaction commits. Best effort: a page that is not connected at that moment does not get it later.
 * <p>
 * Besides signed-in people, pages that have no user (a customer's chat window) listen on a <em>topic</em>, a name
 * the module that owns the page chooses (a chat's token); the same relay carries both.
 */
public interface Push {

    /** Payloads are kept small (under {@value #MAX_JSON} characters): they travel through PostgreSQL's NOTIFY. */
    int MAX_JSON = 7_000;

    /** Sends {@code json} as an event named {@code event} to every open page of the user. */
    void toUser(long userId, String event, String json);

    /** Sends {@code json} as an event named {@code event} to every page listening on {@code topic}, on any instance. */
    void toTopic(String topic, String event, String json);

    /**
     * Listens on {@code topic} on this instance (a stream the caller serves); the listener must not block. Returns
     * what to call when the page goes away.
     */
    Runnable listen(String topic, Listener listener);

    /** One connected page's handler of pushed events. */
    interface Listener {
        void on(String event, String json);
    }
}
