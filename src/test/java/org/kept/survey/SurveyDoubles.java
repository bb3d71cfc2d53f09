package org.kept.survey;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.kept.callback.Callbacks;
import org.kept.sms.Sms;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Recording stand-ins for the SMS and callback modules' APIs, which other branches implement: the survey tests see
 * what the survey module asked of them. Imported by the survey tests only; primary so they win over real ones.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SurveyDoubles {

    /** Every SMS asked for. */
    public static final class RecordingSms implements Sms {
        public final List<SmsRequest> sent = new CopyOnWriteArrayList<>();
        private final AtomicLong ids = new AtomicLong(-1_000_000);

        @Override
        public long send(SmsRequest request) {
            sent.add(request);
            return ids.decrementAndGet();
        }

        public List<SmsRequest> to(String e164) {
            return sent.stream().filter(r -> r.toE164().equals(e164)).toList();
        }
    }

    /** Every callback asked for. */
    public static final class RecordingCallbacks implements Callbacks {
        public final List<CallbackRequest> requested = new CopyOnWriteArrayList<>();
        private final AtomicLong ids = new AtomicLong();

        @Override
        public long request(CallbackRequest request) {
            requested.add(request);
            return ids.incrementAndGet();
        }

        public List<CallbackRequest> ofTicket(long ticketId) {
            return requested.stream().filter(r -> r.ticketId() != null && r.ticketId() == ticketId).toList();
        }
    }

    @Bean
    @Primary
    RecordingSms recordingSms() {
        return new RecordingSms();
    }

    @Bean
    @Primary
    RecordingCallbacks recordingCallbacks() {
        return new RecordingCallbacks();
    }
}
