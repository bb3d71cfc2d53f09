package org.kept.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.shared.KeptException;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Logins moved in from another system keep their password (its bcrypt hash) and are checked like any new login. */
@KeptTest
class AccountImportTest {

    @Autowired
    Accounts accounts;
    @Autowired
    Directory directory;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    Fixtures fixtures;

    @Test
    void anImportedLoginSignsInWithThePasswordItHadBefore() {
        String username = "moved-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> ids = accounts.importAll(List.of(new NewUser(username, "迁移 坐席", "M" + username.hashCode() % 1000, "AGENT",
                fixtures.team("online"), null, encoder.encode("old-password-1"))), fixtures.user("ADMIN"));

        assertThat(directory.user(ids.get(0))).get().extracting(UserView::username).isEqualTo(username);
        fixtures.api().post("/api/v1/auth/tokens", Api.body("username", username, "password", "old-password-1")).expect(200);
    }

    @Test
    void aPlainPasswordOrABadPlacementIsRefusedAndNothingIsWritten() {
        String username = "moved-" + UUID.randomUUID().toString().substring(0, 8);
        CurrentUser admin = fixtures.user("ADMIN");
        assertThatThrownBy(() -> accounts.importAll(List.of(new NewUser(username, "迁移", null, "AGENT", null, null,
                "plain-password")), admin)).isInstanceOf(KeptException.class).hasMessageContaining("error.password.hash");
        String hash = encoder.encode("old-password-1");
        assertThatThrownBy(() -> accounts.importAll(List.of(
                new NewUser(username, "迁移", null, "AGENT", null, null, hash),
                new NewUser(username + "c", "迁移客户", null, "CUSTOMER", null, null, hash)), admin))
                .isInstanceOf(KeptException.class);
        // the first login of the refused batch was rolled back with it
        assertThat(fixtures.api().post("/api/v1/auth/tokens", Api.body("username", username, "password", "old-password-1"))
                .status()).isEqualTo(401);
    }
}
