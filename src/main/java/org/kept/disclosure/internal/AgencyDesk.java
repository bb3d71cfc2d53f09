package org.kept.disclosure.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kept.customer.PhoneNumbers;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The agencies that may ask and the checklist rows, as the compliance lead keeps them. An agency's link is its key:
 * compliance issues it after checking the agency through an official channel, hands it over out of band, and can
 * revoke it; the published landline recorded here (not one a requester types) is where emergencies are verified.
 */
@Service
public class AgencyDesk {

    private final DisclosureStore store;
    private final Audit audit;
    private final Clock clock;

    AgencyDesk(DisclosureStore store, Audit audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    public record NewAgency(String name, String type, String region, String publishedLandline, Integer validDays) {
    }

    /** The agency and its link's key, shown once (only its hash is kept). */
    public record Issued(Agency agency, String key) {
    }

    @Transactional
    public Issued issue(NewAgency a, CurrentUser by) {
        List<KeptException.Field> wrong = new ArrayList<>();
        if (a.name() == null || a.name().isBlank() || a.name().length() > 200) {
            wrong.add(new KeptException.Field("name", "disclosure.agency.name"));
        }
        Codes.AgencyType type = null;
        try {
            type = Codes.AgencyType.valueOf(String.valueOf(a.type()));
        } catch (IllegalArgumentException e) {
            wrong.add(new KeptException.Field("type", "disclosure.agency.type"));
        }
        String landline = a.publishedLandline() == null ? null : PhoneNumbers.parse(a.publishedLandline()).orElse(null);
        if (landline == null) {
            wrong.add(new KeptException.Field("publishedLandline", "disclosure.agency.landline"));
        }
        int days = a.validDays() == null ? 365 : a.validDays();
        if (days < 1 || days > 730) {
            wrong.add(new KeptException.Field("validDays", "disclosure.agency.days"));
        }
        if (!wrong.isEmpty()) {
            throw KeptException.invalid(wrong);
        }
        String key = Keys.fresh();
        Instant now = clock.instant();
        String region = a.region() == null || a.region().isBlank() ? null : a.region().strip();
        long id = store.insertAgency(a.name().strip(), type, region == null ? null : region.substring(0, Math.min(100,
                region.length())), landline, Keys.hash(key), by.username(), now, now.plus(Duration.ofDays(days)));
        audit.agency(by.username(), "disclosure.agency.issue", id, type + " " + a.name().strip() + " landline " + landline
                + " valid " + days + "d");
        return new Issued(store.agency(id).orElseThrow(), key);
    }

    @Transactional
    public Agency revoke(long id, CurrentUser by) {
        Agency a = store.agency(id).orElseThrow(() -> KeptException.notFound("disclosure-agency", id));
        if (store.revokeAgency(id, clock.instant())) {
            audit.agency(by.username(), "disclosure.agency.revoke", id, a.name());
        }
        return store.agency(id).orElseThrow();
    }

    public List<Agency> agencies() {
        return store.agencies();
    }

    public Optional<Agency> agency(long id) {
        return store.agency(id);
    }

    /** The agency whose open link this key is; empty for an unknown, revoked or expired key. */
    public Optional<Agency> byKey(String key) {
        if (!Keys.wellFormed(key)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.agencyByToken(Keys.hash(key)).filter(a -> a.open(now));
    }

    public List<ChecklistItem> checklist() {
        return store.checklistAll();
    }

    public List<ChecklistItem> checklist(String requestType) {
        return store.checklist(requestType);
    }

    public List<String> requestTypes() {
        return store.requestTypes();
    }

    /** Adds or changes one checklist row (a new request type is a new set of rows). */
    @Transactional
    public ChecklistItem saveItem(ChecklistItem i, CurrentUser by) {
        if (i.requestType() == null || !i.requestType().matches("[A-Z][A-Z0-9_]{1,19}") || i.code() == null
                || !i.code().matches("[A-Z][A-Z0-9_]{1,39}") || i.labelZh() == null || i.labelZh().isBlank()
                || i.labelEn() == null || i.labelEn().isBlank() || i.labelZh().length() > 200 || i.labelEn().length() > 200) {
            throw KeptException.invalid("disclosure.checklist.invalid");
        }
        if (i.documentKind() != null) {
            try {
                Codes.DocumentKind.valueOf(i.documentKind());
            } catch (IllegalArgumentException e) {
                throw KeptException.invalid("disclosure.document.kind");
            }
        }
        store.saveItem(i);
        audit.agency(by.username(), "disclosure.checklist", 0, i.requestType() + "/" + i.code() + " " + i.labelZh()
                + (i.active() ? "" : " (inactive)") + (i.deferrable() ? " deferrable" : ""));
        return store.checklist(i.requestType()).stream().filter(c -> c.code().equals(i.code())).findFirst().orElseThrow();
    }
}
