package org.kept.relay.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.relay.internal.Binding;
import org.kept.relay.internal.Counterparty;
import org.kept.relay.internal.RelayCall;
import org.kept.relay.internal.Restriction;
import org.kept.shared.Masking;

/** The relay's JSON; every number masked for a reader without PII_VIEW (a reveal shows them, audited). */
final class RelayJson {

    private RelayJson() {
    }

    static String phone(String e164, CurrentUser me) {
        return e164 == null || me.seesPersonalData() ? e164 : Masking.phone(e164);
    }

    static Map<String, Object> counterparty(Counterparty c, CurrentUser me) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("ticketId", c.ticketId());
        m.put("role", c.role());
        m.put("accountRef", c.accountRef());
        m.put("name", c.displayName());
        m.put("phone", phone(c.phone(), me));
        return m;
    }

    static Map<String, Object> binding(Binding b, CurrentUser me) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("ticketId", b.ticketId());
        m.put("counterpartyId", b.counterpartyId());
        m.put("caller", b.caller());
        m.put("provider", b.provider());
        m.put("state", b.state());
        m.put("secretNo", phone(b.secretNo(), me));
        m.put("phoneA", phone(b.phoneA(), me));
        m.put("phoneB", phone(b.phoneB(), me));
        m.put("recording", b.recording());
        m.put("expiresAt", b.expiresAt().toString());
        m.put("releaseReason", b.releaseReason());
        m.put("releasedAt", b.releasedAt() == null ? null : b.releasedAt().toString());
        return m;
    }

    static Map<String, Object> call(RelayCall c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("bindingId", c.bindingId());
        m.put("callId", c.callId());
        m.put("direction", c.direction());
        m.put("startedAt", c.startedAt() == null ? null : c.startedAt().toString());
        m.put("endedAt", c.endedAt() == null ? null : c.endedAt().toString());
        m.put("seconds", c.seconds());
        m.put("releaseCause", c.releaseCause());
        m.put("recordUrl", c.recordUrl());
        return m;
    }

    static Map<String, Object> restriction(Restriction r, CurrentUser me) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("ticketId", r.ticketId());
        m.put("counterpartyId", r.counterpartyId());
        m.put("state", r.state());
        m.put("reason", me.seesPersonalData() ? r.reason() : Masking.inText(r.reason()));
        m.put("platformRef", r.platformRef());
        m.put("until", r.until().toString());
        m.put("liftReason", r.liftReason());
        m.put("liftedAt", r.liftedAt() == null ? null : r.liftedAt().toString());
        return m;
    }
}
