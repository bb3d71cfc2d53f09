package org.kept.callback.internal;

import java.util.List;
import org.kept.callback.Callbacks;

/** How a reason's callbacks are worked: a row of callback_reason, edited by the centre. */
public record ReasonRule(Callbacks.Reason reason, int maxAttempts, int retryMinutes, int dueMinutes,
                         List<String> scriptCodes) {
}
