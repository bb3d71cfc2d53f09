package org.kept.sms.internal;

import org.springframework.stereotype.Component;

/**
 * The built-in provider for the demo and for centres without a contract: nothing leaves Kept. The message is already
 * stored with its text ({@code sms_message}), which the admins' SMS page shows; its id is the outbox key.
 */
@Component
class OutboxSms implements SmsProvider {

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public String send(SmsOut sms, String key) {
        return key;
    }
}
