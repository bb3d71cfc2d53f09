package org.kept.sms;

/** Sends SMS through the centre's provider, after the caller's transaction commits (the contact outbox). */
public interface Sms {

    /**
     * Queues one message in the caller's transaction and returns its contact id. {@code template} is the centre's
     * template code (a provider template id is looked up from it), {@code params} its named parameters; the rendered
     * text is what the built-in outbox provider shows and what the ticket timeline says was sent.
     */
    long send(SmsRequest request);

    record SmsRequest(String toE164, String template, java.util.Map<String, String> params, Long customerId,
                      Long ticketId) {
    }
}
