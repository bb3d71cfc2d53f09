package org.kept.sms.internal;

import java.util.List;
import org.springframework.stereotype.Service;

/** What the SMS pages read. */
@Service
public class SmsQueries {

    private final SmsStore store;

    SmsQueries(SmsStore store) {
        this.store = store;
    }

    /** The newest messages first, whichever provider sent them. */
    public List<SmsMessage> latest(int limit) {
        return store.latest(Math.max(1, Math.min(limit, 500)));
    }
}
