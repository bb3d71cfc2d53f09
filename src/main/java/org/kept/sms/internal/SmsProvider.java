package org.kept.sms.internal;

import org.kept.contact.OutboundSender;

/** One SMS provider's send API. */
interface SmsProvider {

    /** {@code outbox}, {@code aliyun} or {@code tencent}, as in {@code kept.sms.provider}. */
    String name();

    /**
     * Sends and returns the provider's id for the message (BizId, SerialNo). {@code key} goes with it (OutId,
     * SessionContext) so a resend of the same outbox row can be recognised.
     */
    String send(SmsOut sms, String key) throws OutboundSender.Retry, SmsRefused;

    /** The provider said no for good: a bad number, a template it does not know, a sign name not approved. */
    final class SmsRefused extends Exception {
        SmsRefused(String message) {
            super(message);
        }
    }
}
