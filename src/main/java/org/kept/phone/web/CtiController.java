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
     * answers the same record. The answer to a newCall may carry {@code advice} from another module (out of hours:
     * play a prompt, then hang up or queue elsewhere) for PBXs that can act on it.
     */
    @Operation(summary = "A PBX reports a call event (newCall, answer, hangup, hold, unhold, transfer); signed with "
            + "X-Kept-Integration and X-Kept-Signature, or ?token=; repeats and late events give the same call record")
    @PostMapping("/api/v1/cti/events")
    CallView event(@RequestBody byte[] body, @RequestHeader(name = "X-Kept-Integration", required = false) String name,
                   @RequestHeader(name = "X-Kept-Signature", required = false) String signature,
                   @RequestParam(required = false) String token) {
        CtiIntake.Accepted accepted = intake.acceptAdvised(body, name, signature, token);
        return CallView.of(accepted.record(), false, accepted.advice());
    }
}
