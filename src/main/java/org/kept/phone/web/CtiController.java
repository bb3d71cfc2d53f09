package org.kept.phone.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/cti/events}: any PBX or cloud contact centre reports its calls here. */
@RestController
@Tag(name = "cti")
class CtiController {

    private final CtiIntake intake;

    CtiController(CtiIntake intake) {
        this.intake = intake;
    }

    /**
     * Answers the call record as it stands after the event (numbers unmasked: the PBX sent them); a repeated event
     * answers the same record.
     */
    @Operation(summary = "A PBX reports a call event (newCall, answer, hangup, hold, unhold, transfer); signed with "
            + "X-Kept-Integration and X-Kept-Signature, or ?token=; repeats and late events give the same call record")
    @PostMapping("/api/v1/cti/events")
    CallView event(@RequestBody byte[] body, @RequestHeader(name = "X-Kept-Integration", required = false) String name,
                   @RequestHeader(name = "X-Kept-Signature", required = false) String signature,
                   @RequestParam(required = false) String token) {
        return CallView.of(intake.accept(body, name, signature, token), false);
    }
}
