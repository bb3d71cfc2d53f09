package org.kept.disclosure.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.kept.sms.Sms;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second person's decision (审批) and the release: only the fields asked for and approved, only for the approved
 * period, behind a link that expires ({@code kept.disclosure.link-lifetime}, by the injected clock) and serves a
 * limited number of downloads, each one audited. The data subject hears of it only when the request does not say the
 * law requires secrecy (个人信息保护法 Art. 18).
 */
@Service
public class ReleaseDesk {

    private final DisclosureStore store;
    private final AgencyDesk agencies;
    private final PackageBuilder builder;
    private final Customers customers;
    private final Sms sms;
    private final Audit audit;
    private final Clock clock;
    private final Duration linkLifetime;

    ReleaseDesk(DisclosureStore store, AgencyDesk agencies, PackageBuilder builder, Customers customers, Sms sms, Audit audit,
                Clock clock, @Value("${kept.disclosure.link-lifetime:PT72H}") Duration linkLifetime) {
        this.store = store;
        this.agencies = agencies;
        this.builder = builder;
        this.customers = customers;
        this.sms = sms;
        this.audit = audit;
        this.clock = clock;
        this.linkLifetime = linkLifetime;
    }

    /** What the approver releases: a subset of the fields asked, a period inside the one asked (null: all of it). */
    public record Approval(List<String> fields, Instant from, Instant to, String note, Integer maxUses) {
    }

    /** The link's key, shown once to the approver (only its hash is kept), its expiry and uses. */
    public record Released(long requestId, String key, Instant expiresAt, int maxUses, boolean produced) {
    }

    @Transactional
    public Released approve(long id, Approval a, CurrentUser me) {
        DisclosureRequest r = store.request(id).orElseThrow(() -> KeptException.notFound("disclosure", id));
        r.mayBeApprovedBy(me.id());
        List<KeptException.Field> wrong = new ArrayList<>();
        List<Codes.DataField> fields = new ArrayList<>();
        for (String f : a.fields() == null ? List.<String>of() : a.fields()) {
            Codes.DataField d;
            try {
                d = Codes.DataField.valueOf(f);
            } catch (IllegalArgumentException e) {
                wrong.add(new KeptException.Field("fields", "disclosure.fields.unknown", String.valueOf(f)));
                continue;
            }
            // the minimum (个人信息保护法 Art. 6): never a field the agency did not ask for
            if (!r.fieldsAsked().contains(d)) {
                wrong.add(new KeptException.Field("fields", "disclosure.fields.notAsked", d.name()));
            } else if (!fields.contains(d)) {
                fields.add(d);
            }
        }
        if (fields.isEmpty() && wrong.isEmpty()) {
            wrong.add(new KeptException.Field("fields", "disclosure.fields.none"));
        }
        Instant from = a.from() == null ? r.rangeFrom() : a.from();
        Instant to = a.to() == null ? r.rangeTo() : a.to();
        if (from.isBefore(r.rangeFrom()) || to.isAfter(r.rangeTo()) || !from.isBefore(to)) {
            wrong.add(new KeptException.Field("from", "disclosure.range.outside"));
        }
        int maxUses = a.maxUses() == null ? 1 : a.maxUses();
        if (maxUses < 1 || maxUses > 5) {
            wrong.add(new KeptException.Field("maxUses", "disclosure.maxUses.invalid"));
        }
        if (!wrong.isEmpty()) {
            throw KeptException.invalid(wrong);
        }
        Instant now = clock.instant();
        Agency agency = agencies.agency(r.agencyId()).orElseThrow();
        PackageBuilder.Built built = builder.build(r, agency.name(), fields, from, to, now);
        String note = a.note() == null || a.note().isBlank() ? null : Masking.cut(a.note().strip(), 1000);
        if (!store.released(id, me.id(), me.displayName(), note, fields, from, to, built.produced(), now)) {
            throw KeptException.conflict("disclosure.state.conflict", store.request(id).map(x -> x.state().name()).orElse(""));
        }
        String key = Keys.fresh();
        Instant expires = now.plus(linkLifetime);
        store.insertRelease(id, Keys.hash(key), expires, maxUses, built.json(), built.csv(), now);
        audit.step(me.username(), "disclosure.approve", id, "fields " + DisclosureStore.codes(fields) + " from " + from
                + " to " + to + (built.produced() ? "" : " (no data found)") + " link until " + expires + " uses " + maxUses);
        notifySubject(r, built.customerId(), me);
        return new Released(id, key, expires, maxUses, built.produced());
    }

    /** Refused by the approver (never the reviewer): the request ends, nothing is released. */
    @Transactional
    public DisclosureRequest reject(long id, String note, CurrentUser me) {
        DisclosureRequest r = store.request(id).orElseThrow(() -> KeptException.notFound("disclosure", id));
        r.mayBeApprovedBy(me.id());
        if (note == null || note.isBlank()) {
            throw KeptException.invalid(List.of(new KeptException.Field("note", "disclosure.required")));
        }
        if (!store.rejectedAtApproval(id, me.id(), me.displayName(), Masking.cut(note.strip(), 1000), clock.instant())) {
            throw KeptException.conflict("disclosure.state.conflict", r.state().name());
        }
        audit.step(me.username(), "disclosure.reject", id, "at approval: " + note.strip());
        return store.request(id).orElseThrow();
    }

    /** The customer is told by SMS, unless the request asks for secrecy; either way the audit log says which. */
    private void notifySubject(DisclosureRequest r, Long customerId, CurrentUser me) {
        if (r.noNotify()) {
            audit.step(me.username(), "disclosure.notice.suppressed", r.id(), "the law requires secrecy: no notice to the subject");
            return;
        }
        String phone = customerId == null ? null : customers.find(customerId).map(c -> c.primaryPhone()).orElse(null);
        if (phone == null) {
            audit.step(me.username(), "disclosure.notice.none", r.id(), "no subject or no phone to tell");
            return;
        }
        sms.send(new Sms.SmsRequest(phone, "DISCLOSURE_NOTICE", Map.of(), customerId, null));
        audit.step(me.username(), "disclosure.notice", r.id(), "SMS to the subject " + Masking.phone(phone));
    }

    /** What a download link gave: the package, or why not (UNKNOWN, EXPIRED, USED_UP). */
    public record Download(String outcome, String content, long requestId) {
        public boolean served() {
            return "SERVED".equals(outcome);
        }
    }

    /** Serves the package once more if the link is known, unexpired and has uses left; every attempt is recorded. */
    @Transactional
    public Download download(String key, boolean csv, String address) {
        if (!Keys.wellFormed(key)) {
            return new Download("UNKNOWN", null, 0);
        }
        var release = store.release(Keys.hash(key)).orElse(null);
        if (release == null) {
            return new Download("UNKNOWN", null, 0);
        }
        Instant now = clock.instant();
        String outcome;
        if (!now.isBefore(release.expiresAt())) {
            outcome = "EXPIRED";
        } else if (!store.takeUse(release.id(), now)) {
            outcome = "USED_UP";
        } else {
            outcome = "SERVED";
        }
        String where = address == null ? null : Masking.cut(address, 60);
        store.insertDownload(release.id(), now, where, outcome);
        audit.step("agency-link", "disclosure.download", release.requestId(), outcome + (csv ? " csv" : " json")
                + " from " + where);
        return new Download(outcome, outcome.equals("SERVED") ? store.packageOf(release.id(), csv) : null, release.requestId());
    }
}
