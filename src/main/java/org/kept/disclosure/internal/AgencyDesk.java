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
        validate(i);
        boolean existed = item(i.requestType(), i.code()).isPresent();
        store.saveItem(i);
        audit.checklist(by.username(), existed ? "disclosure.checklist.edit" : "disclosure.checklist.add", i.requestType(),
                i.code(), describe(i));
        return item(i.requestType(), i.code()).orElseThrow();
    }

    /** Adds a new row; an existing type and code is refused (rows are edited, never replaced by a second add). */
    @Transactional
    public ChecklistItem addItem(ChecklistItem i, CurrentUser by) {
        validate(i);
        if (item(i.requestType(), i.code()).isPresent()) {
            throw KeptException.invalid(List.of(new KeptException.Field("code", "disclosure.checklist.exists",
                    i.requestType() + "/" + i.code())));
        }
        store.saveItem(i);
        audit.checklist(by.username(), "disclosure.checklist.add", i.requestType(), i.code(), describe(i));
        return item(i.requestType(), i.code()).orElseThrow();
    }

    /** Changes a row's texts, document, deferrability and place; whether it is active stays as it was. */
    @Transactional
    public ChecklistItem editItem(String requestType, String code, String labelZh, String labelEn, String documentKind,
                                  boolean deferrable, int position, CurrentUser by) {
        ChecklistItem old = item(requestType, code)
                .orElseThrow(() -> KeptException.notFound("disclosure-checklist-item", requestType + "/" + code));
        ChecklistItem i = new ChecklistItem(old.requestType(), old.code(), strip(labelZh), strip(labelEn),
                documentKind == null || documentKind.isBlank() ? null : documentKind, deferrable, position, old.active());
        validate(i);
        if (i.equals(old)) {
            return old;
        }
        store.saveItem(i);
        audit.checklist(by.username(), "disclosure.checklist.edit", i.requestType(), i.code(), describe(i)
                + (old.labelZh().equals(i.labelZh()) ? "" : " (was: " + old.labelZh() + ")"));
        return item(requestType, code).orElseThrow();
    }

    /**
     * Deactivates (new requests no longer check it) or reactivates a row. Rows are never deleted: requests already
     * reviewed keep pointing at them.
     */
    @Transactional
    public ChecklistItem setActive(String requestType, String code, boolean active, CurrentUser by) {
        ChecklistItem old = item(requestType, code)
                .orElseThrow(() -> KeptException.notFound("disclosure-checklist-item", requestType + "/" + code));
        if (old.active() == active) {
            return old;
        }
        store.saveItem(new ChecklistItem(old.requestType(), old.code(), old.labelZh(), old.labelEn(), old.documentKind(),
                old.deferrable(), old.position(), active));
        audit.checklist(by.username(), active ? "disclosure.checklist.activate" : "disclosure.checklist.deactivate",
                requestType, code, old.labelZh());
        return item(requestType, code).orElseThrow();
    }

    public Optional<ChecklistItem> item(String requestType, String code) {
        if (requestType == null || code == null) {
            return Optional.empty();
        }
        return store.checklist(requestType).stream().filter(c -> c.code().equals(code)).findFirst();
    }

    private static void validate(ChecklistItem i) {
        List<KeptException.Field> wrong = new ArrayList<>();
        if (i.requestType() == null || !i.requestType().matches("[A-Z][A-Z0-9_]{1,19}")) {
            wrong.add(new KeptException.Field("requestType", "disclosure.checklist.requestType.invalid"));
        }
        if (i.code() == null || !i.code().matches("[A-Z][A-Z0-9_]{1,39}")) {
            wrong.add(new KeptException.Field("code", "disclosure.checklist.code.invalid"));
        }
        if (i.labelZh() == null || i.labelZh().isBlank() || i.labelZh().length() > 200) {
            wrong.add(new KeptException.Field("labelZh", "disclosure.checklist.label.invalid"));
        }
        if (i.labelEn() == null || i.labelEn().isBlank() || i.labelEn().length() > 200) {
            wrong.add(new KeptException.Field("labelEn", "disclosure.checklist.label.invalid"));
        }
        if (i.documentKind() != null) {
            try {
                Codes.DocumentKind.valueOf(i.documentKind());
            } catch (IllegalArgumentException e) {
                wrong.add(new KeptException.Field("documentKind", "disclosure.document.kind"));
            }
        }
        if (i.position() < 0 || i.position() > 10_000) {
            wrong.add(new KeptException.Field("position", "disclosure.checklist.position.invalid"));
        }
        if (!wrong.isEmpty()) {
            throw KeptException.invalid(wrong);
        }
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static String describe(ChecklistItem i) {
        return i.labelZh() + " / " + i.labelEn() + " position " + i.position() + (i.documentKind() == null ? ""
                : " document " + i.documentKind()) + (i.deferrable() ? " deferrable" : "") + (i.active() ? "" : " (inactive)");
    }
}
