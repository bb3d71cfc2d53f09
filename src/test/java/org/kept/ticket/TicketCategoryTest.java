package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;

/** Ticket categories are the centre's configuration: administrators add and rename them, agents cannot. */
@KeptTest
class TicketCategoryTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Tickets tickets;

    @Test
    void anAdministratorAddsAndRenamesACategoryThatTicketsCanThenUse() {
        Api admin = fixtures.api(fixtures.user("ADMIN", null));
        String code = "campaign-" + UUID.randomUUID().toString().substring(0, 6);
        admin.put("/api/v1/ticket-categories/" + code, body("nameZh", "双十一活动", "nameEn", "Singles' Day")).expect(201);
        admin.put("/api/v1/ticket-categories/" + code, body("nameZh", "双十一大促", "nameEn", "Singles' Day sale")).expect(200);
        assertThat(tickets.categories()).contains(new Tickets.Category(code, "双十一大促", "Singles' Day sale"));
    }

    @Test
    void agentsCannotChangeCategoriesAndBadCodesAreRefused() {
        Api agent = fixtures.api(fixtures.user("AGENT"));
        agent.put("/api/v1/ticket-categories/x-" + UUID.randomUUID().toString().substring(0, 6),
                body("nameZh", "甲", "nameEn", "A")).expect(403);
        Response bad = fixtures.api(fixtures.user("ADMIN", null))
                .put("/api/v1/ticket-categories/Bad_Code", body("nameZh", "甲", "nameEn", "A"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.contentType()).contains("problem+json");
    }
}
