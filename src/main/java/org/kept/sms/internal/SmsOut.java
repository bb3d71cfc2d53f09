package org.kept.sms.internal;

import java.util.List;
import java.util.Map;

/**
 * The outbox payload of one SMS: who, which approved template with which parameters (named for Aliyun, in template
 * order for Tencent) and the rendered text. {@code key} is the outbox row's key, the provider's idempotency hint.
 */
record SmsOut(String provider, String to, String templateCode, String providerTemplateId, Map<String, String> params,
              List<String> orderedParams, String text) {
}
