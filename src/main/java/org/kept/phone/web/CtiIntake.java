package org.kept.phone.web;

import java.time.Clock;
import java.util.Map;
import org.kept.phone.CallRecord;
import org.kept.phone.NewCallAdvisor;
import org.kept.phone.internal.CallAdvisors;
import org.kept.phone.internal.CallDesk;
import org.kept.phone.internal.CallEvent;
import org.kept.phone.internal.PbxAuth;
import org.kept.shared.KeptException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way in for a call event: authenticate the raw body, read it, apply it. The API and the administrator's test
 * call both come through here, so a test call proves the path a PBX takes.
 */
@Component
class CtiIntake {

    private final PbxAuth auth;
    private final CallDesk desk;
    private final JsonMapper json;
    private final Clock clock;
    private final CallAdvisors advisors;

    CtiIntake(PbxAuth auth, CallDesk desk, JsonMapper json, Clock clock, CallAdvisors advisors) {
        this.auth = auth;
        this.advisors = advisors;
        this.desk = desk;
        this.json = json;
        this.clock = clock;
    }

    /** The call record after the event, with what the advisors say the PBX should do with a new inbound call. */
    record Accepted(CallRecord record, NewCallAdvisor.Advice advice) {
    }

    CallRecord accept(byte[] body, String integration, String signature, String token) {
        return acceptAdvised(body, integration, signature, token).record();
    }

    Accepted acceptAdvised(byte[] body, String integration, String signature, String token) {
        long from = auth.integration(body, integration, signature, token);
        Map<String, Object> fields;
        try {
            fields = json.readValue(body, new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException e) {
            throw KeptException.invalid("phone.error.json");
        }
        if (fields == null) {
            throw KeptException.invalid("phone.error.json");
        }
        CallEvent event = CallEvent.parse(fields, clock.instant());
        CallRecord record = desk.accept(from, event);
        return new Accepted(record, advisors.adviseOn(event, record).orElse(null));
    }
}
