package org.kept.customer.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kept.customer.ContactLookedUp;
import org.kept.customer.Customer;
import org.kept.customer.CustomerRecorded;
import org.kept.customer.CustomerSummary;
import org.kept.customer.CustomerTier;
import org.kept.customer.Customers;
import org.kept.customer.NewCustomer;
import org.kept.customer.PersonalDataRevealed;
import org.kept.customer.PhoneNumbers;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Customers and their contact points in the database. */
@Service
class CustomerRegister implements Customers {

    /** The kind of a phone contact point (the other kind is {@link #EMAIL}). */
    static final String PHONE = "PHONE";
    private static final String EMAIL = "EMAIL";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final CustomerSearchIndex searchIndex;
    private final CustomerSearch searches;
    private final ContactLookups lookups;

    CustomerRegister(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, CustomerSearchIndex searchIndex,
                     CustomerSearch searches, ContactLookups lookups) {
        this.lookups = lookups;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.searchIndex = searchIndex;
        this.searches = searches;
    }

    @Override
    @Transactional
    public Customer create(NewCustomer c, String actor) {
        if (c.name() == null || c.name().isBlank() || c.name().length() > 100) {
            throw KeptException.invalid("error.customer.name");
        }
        List<String> phones = c.phones().stream().map(PhoneNumbers::toE164).distinct().toList();
        List<String> emails = c.emails().stream().map(CustomerRegister::email).distinct().toList();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into customer (name, tier, notes, created_at, updated_at) values (?, ?, ?, ?, ?)")
                .params(c.name().strip(), c.tier().name(), c.notes(), now, now).update(key, "id");
        long id = key.getKey().longValue();
        phones.forEach(p -> addContact(id, PHONE, p));
        emails.forEach(e -> addContact(id, EMAIL, e));
        searchIndex.add(id, c.name(), phones, emails);
        events.publishEvent(new CustomerRecorded(actor, id, "customer.create", c.tier().name()));
        return new Customer(id, c.name().strip(), c.tier(), c.notes(), phones, emails, now, 0);
    }

    private void addContact(long customerId, String kind, String value) {
        jdbc.sql("insert into contact_point (customer_id, kind, address) values (?, ?, ?)").params(customerId, kind, value).update();
    }

    private static String email(String raw) {
        String email = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (email.length() > 200 || !email.matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+")) {
            throw KeptException.invalid("error.email", raw);
        }
        return email;
    }

    @Override
    public Optional<Customer> find(long id) {
        return jdbc.sql("select id, name, tier, notes, created_at, version from customer where id = ?").param(id)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getInt(6)))
                .optional().map(this::withContacts);
    }

    @Override
    public Customer get(long id) {
        return find(id).orElseThrow(() -> KeptException.notFound("customer", id));
    }

    private Customer withContacts(Row r) {
        List<String> phones = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        jdbc.sql("select kind, address from contact_point where customer_id = ? order by id").param(r.id())
                .query(rs -> {
                    (PHONE.equals(rs.getString(1)) ? phones : emails).add(rs.getString(2));
                });
        return new Customer(r.id(), r.name(), CustomerTier.valueOf(r.tier()), r.notes(), phones, emails, r.createdAt(), r.version());
    }

    @Override
    public List<Customer> search(String text, int limit) {
        return search(text, limit, true);
    }

    /**
     * A reader without personal-data rights who gives a whole phone number or email is looking a customer up: the
     * answer confirms the number, so it is counted (429 past the limit) and audited, found or not.
     */
    @Override
    public List<Customer> search(String text, int limit, CurrentUser reader) {
        boolean personalData = reader.seesPersonalData();
        if (personalData || text == null || !CustomerSearch.wholeContact(text)) {
            return search(text, limit, personalData);
        }
        lookups.admit(reader);
        List<Customer> found = search(text, limit, false);
        String asked = CustomerSearch.needle(text);
        events.publishEvent(new ContactLookedUp(reader.username(),
                found.isEmpty() ? "customer:none" : "customer:" + found.stream().map(c -> String.valueOf(c.id()))
                        .collect(java.util.stream.Collectors.joining(",")),
                "by " + (asked.contains("@") ? Masking.email(asked) : Masking.phone(asked)) + ", found " + found.size()));
        return found;
    }

    private List<Customer> search(String text, int limit, boolean personalData) {
        String q = text == null ? "" : text.strip();
        int max = Math.max(1, Math.min(limit, 100));
        List<Long> ids = q.isEmpty()
                ? jdbc.sql("select id from customer order by id desc").withMaxRows(max).query(Long.class).list()
                : searches.ids(q, personalData, max);
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    @Override
    public Optional<Customer> byPhone(String e164) {
        return jdbc.sql("select customer_id from contact_point where kind = 'PHONE' and address = ? order by customer_id")
                .param(e164).withMaxRows(1).query(Long.class).optional().flatMap(this::find);
    }

    @Override
    public Optional<Customer> byEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("select customer_id from contact_point where kind = 'EMAIL' and address = ? order by customer_id")
                .param(email.strip().toLowerCase(java.util.Locale.ROOT)).withMaxRows(1).query(Long.class).optional()
                .flatMap(this::find);
    }

    @Override
    public Map<Long, CustomerSummary> summaries(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, CustomerSummary> result = new LinkedHashMap<>();
        String in = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        // one round trip: the first phone comes from a correlated lookup on contact_point_customer_idx
        jdbc.sql("select c.id, c.name, c.tier, (select p.address from contact_point p where p.customer_id = c.id"
                        + " and p.kind = 'PHONE' order by p.id fetch first 1 row only) from customer c where c.id in (" + in + ")")
                .params(new ArrayList<>(ids)).query(rs -> {
                    long id = rs.getLong(1);
                    result.put(id, new CustomerSummary(id, rs.getString(2), CustomerTier.valueOf(rs.getString(3)), rs.getString(4)));
                });
        return result;
    }

    @Override
    @Transactional
    public String reveal(long customerId, String field, String reason, String actor) {
        if (reason == null || reason.strip().length() < 4 || reason.length() > 500) {
            throw KeptException.invalid("error.reveal.reason");
        }
        Customer customer = get(customerId);
        String value = switch (field == null ? "" : field) {
            case "phone" -> customer.primaryPhone();
            case "email" -> customer.primaryEmail();
            default -> throw KeptException.invalid("error.reveal.field", field);
        };
        if (value == null) {
            throw KeptException.invalid("error.reveal.none");
        }
        events.publishEvent(new PersonalDataRevealed(actor, "customer:" + customerId, field, reason.strip()));
        return value;
    }

    private record Row(long id, String name, String tier, String notes, OffsetDateTime createdAt, int version) {
    }

    @Override
    public java.util.Locale preferredLocale(long customerId) {
        return jdbc.sql("select locale from customer where id = ?").param(customerId).query(String.class).optional()
                .filter(tag -> !tag.isBlank()).map(java.util.Locale::forLanguageTag).orElse(java.util.Locale.SIMPLIFIED_CHINESE);
    }

    @Override
    public void preferLocale(long customerId, java.util.Locale locale) {
        // only the languages the centre writes in; anything else reads the default
        String tag = "zh".equals(locale.getLanguage()) ? "zh-CN" : "en".equals(locale.getLanguage()) ? "en" : null;
        jdbc.sql("update customer set locale = ? where id = ? and (locale is null or locale <> ?)")
                .params(tag, customerId, tag == null ? "" : tag).update();
    }
}
