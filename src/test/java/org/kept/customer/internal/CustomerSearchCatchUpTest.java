package org.kept.customer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Customers written without the register (a bulk load by SQL) are indexed at startup in batches, each with its own
 * contact points: found by name and by a fragment of their own number, not by another customer's, and a viewer
 * without personal-data rights matches only the masked number.
 */
@KeptTest
class CustomerSearchCatchUpTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CustomerSearchIndex index;
    @Autowired
    CustomerSearch search;

    @Test
    void bulkLoadedCustomersAreFoundWithTheirOwnContactPoints() {
        String surname = "批" + Long.toString(System.nanoTime(), 36).replaceAll("\\d", "");
        List<Long> ids = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("insert into customer (name, tier, created_at, updated_at) values (?, 'STANDARD', ?, ?)")
                    .params(surname + "客户" + i, OffsetDateTime.now(), OffsetDateTime.now()).update(key, "id");
            long id = key.getKey().longValue();
            String phone = "+8613" + String.format("%09d", (System.nanoTime() + i * 7_919L) % 1_000_000_000L);
            jdbc.sql("insert into contact_point (customer_id, kind, address) values (?, 'PHONE', ?)").params(id, phone).update();
            if (i != 1) { // one customer without an email: nothing of another's may be indexed for it
                jdbc.sql("insert into contact_point (customer_id, kind, address) values (?, 'EMAIL', ?)")
                        .params(id, surname + i + "@catchup.example").update();
            }
            ids.add(id);
            phones.add(phone);
        }
        assertThat(search.ids(surname, true, 10)).as("not indexed yet").isEmpty();

        index.catchUp();

        assertThat(search.ids(surname, true, 10)).containsExactlyElementsOf(ids);
        for (int i = 0; i < 3; i++) {
            String middle = phones.get(i).substring(6, 12);
            assertThat(search.ids(middle, true, 10)).contains(ids.get(i));
            assertThat(search.ids(middle, false, 10)).as("a hidden digit run").doesNotContain(ids.get(i));
        }
        assertThat(search.ids(surname + "1@catchup", true, 10)).isEmpty();
        assertThat(search.ids(surname + "2@catchup", true, 10)).containsExactly(ids.get(2));
    }
}
