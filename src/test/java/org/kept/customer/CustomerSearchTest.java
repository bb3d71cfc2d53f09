package org.kept.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Searching customers from the bigram index: a fragment of the name anywhere, the last digits of a phone, part of an
 * email; masking-safe: a reader without personal-data rights matches only what the page shows them (the name, the
 * masked phone 139****1234 and email w***@domain), so a fragment cannot confirm a hidden digit; a complete number the
 * caller gives still finds the customer. A role with personal-data rights finds any fragment.
 */
@KeptTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerSearchTest {

    @Autowired
    Fixtures fixtures;

    Api agent;
    Api outsourced;
    Api complaints;
    String unique;
    String national;
    String email;
    long customer;
    long other;

    @BeforeAll
    void aCustomerWithAPhoneAndAnEmail() {
        agent = fixtures.api(fixtures.user("AGENT"));
        outsourced = fixtures.api(fixtures.user("OUTSOURCED"));
        complaints = fixtures.api(fixtures.user("COMPLAINTS", "major-complaints"));
        // letters only, so no digit of the name can complete a guessed piece of the number
        unique = Long.toString(System.nanoTime(), 10).chars().mapToObj(c -> String.valueOf((char) ('a' + c - '0')))
                .reduce("", String::concat);
        national = "139" + String.format("%08d", System.nanoTime() % 100_000_000);
        email = "wq" + unique + "@" + unique + ".example.com";
        customer = complaints.post("/api/v1/customers", body("name", "司马相如" + unique, "phones", List.of(national),
                "emails", List.of(email))).expect(201).id();
        other = complaints.post("/api/v1/customers", body("name", "卓文君" + unique)).expect(201).id();
    }

    List<Long> ids(Api caller, String q) {
        return caller.get("/api/v1/customers?limit=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).expect(200).json()
                .values().stream().map(c -> c.path("id").asLong()).toList();
    }

    @Test
    void findsAFragmentOfTheNameAnywhereInAnyCase() {
        assertThat(ids(agent, "相如" + unique)).containsExactly(customer);
        assertThat(ids(agent, unique.toUpperCase())).containsExactly(customer, other);
        assertThat(ids(agent, "文君" + unique.substring(0, 5))).containsExactly(other);
        assertThat(ids(agent, "相如 " + unique)).isEmpty();
        assertThat(ids(agent, "司")).contains(customer).doesNotContain(other);
    }

    @Test
    void everyReaderFindsTheDigitsThePageShows() {
        String last4 = national.substring(7);
        String masked = national.substring(0, 3) + "****" + last4;
        for (Api reader : List.of(agent, outsourced, complaints)) {
            assertThat(ids(reader, last4)).contains(customer).doesNotContain(other);
            assertThat(ids(reader, masked)).contains(customer);
            assertThat(ids(reader, "@" + unique + ".example")).containsExactly(customer);
        }
    }

    @Test
    void aFragmentWithHiddenDigitsConfirmsNothingWithoutPersonalDataRights() {
        String hidden = national.substring(2, 9);
        String localPart = email.substring(1, email.indexOf('@'));
        for (Api reader : List.of(agent, outsourced)) {
            assertThat(ids(reader, hidden)).doesNotContain(customer);
            assertThat(ids(reader, national.substring(0, 3) + " " + national.substring(3, 7))).doesNotContain(customer);
            assertThat(ids(reader, localPart)).doesNotContain(customer);
        }
        assertThat(ids(complaints, hidden)).contains(customer);
        assertThat(ids(complaints, national.substring(5, 7) + "-" + national.substring(7))).contains(customer);
        assertThat(ids(complaints, localPart)).containsExactly(customer);
    }

    @Test
    void aWholeNumberOrAddressTheCallerGivesFindsTheCustomer() {
        for (Api reader : List.of(agent, outsourced, complaints)) {
            assertThat(ids(reader, "+86 " + national)).containsExactly(customer);
            assertThat(ids(reader, national)).containsExactly(customer);
            assertThat(ids(reader, email.toUpperCase())).containsExactly(customer);
        }
    }
}
