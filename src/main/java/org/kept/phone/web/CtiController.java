package org.kept.phone.web;

import java.time.Clock;
import java.util.Map;
import org.kept.phone.CallRecord;
import org.kept.phone.internal.CallDesk;
import org.kept.phone.internal.CallEvent;
import org.kept.phone.internal.PbxAuth;
import org.kept.shared.KeptException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/v1/cti/events}: any PBX or cloud contact centre reports its calls here. */
@RestController
class CtiController {

    private final PbxAuth auth;
    private final CallDesk desk;
    private final JsonMapper json;
    private final Clock clock;

    CtiController(PbxAuth auth, CallDesk desk, JsonMapper json, Clock clock) {
        this.auth = auth;
        this.desk = desk;
        this.json = json;
        this.clock = clock;
    }

    /** Answers the call record as it stands after the event; a repeated event answers the same record. */
    @PostMapping("/api/v1/cti/events")
    CallView event(@RequestBody byte[] body, @RequestHeader(name = "X-Kept-Integration", required = false) String name,
                   @RequestHeader(name = "X-Kept-Signature", required = false) String signature,
                   @RequestParam(required = false) String token) {
        long integration = auth.integration(body, name, signature, token);
        Map<String, Object> fields;
        try {
            fields = json.readValue(body, new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException e) {
            throw KeptException.invalid("phone.error.json");
        }
        if (fields == null) {
            throw KeptException.invalid("phone.error.json");
        }
        CallRecord record = desk.accept(integration, CallEvent.parse(fields, clock.instant()));
        return CallView.of(record, false);
    }
}
