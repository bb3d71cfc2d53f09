package org.kept.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.Channel;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every pooled connection is retired (as the pool does after its lifetime or idle timeout) and Kept still writes rows
 * under check constraints: on H2 2.4 a constraint {@code direction in (…)} held the session of the connection that ran
 * the migrations, and failed every insert once that connection was closed (a demo centre broke after 30 minutes).
 */
@KeptTest
class PooledConnectionsRetiredTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    Contacts contacts;
    @Autowired
    Fixtures fixtures;

    @Test
    void writesUnderCheckConstraintsOutliveEveryPooledConnection() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        Customer customer = fixtures.customer("换连接客户");
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        pool.getHikariPoolMXBean().softEvictConnections();

        Contact call = contacts.record(new NewContact(Channel.PHONE, Direction.INBOUND, "retired-" + System.nanoTime(),
                "+8613800138000", customer.id(), null, agent.id(), Instant.now(), "after the pool renewed"), agent);

        assertThat(call.id()).isPositive();
        assertThat(contacts.ofCustomer(customer.id(), 10)).extracting(Contact::id).contains(call.id());
    }
}
