package org.kept.identity.internal;

import org.kept.shared.KeptException;
import org.kept.shared.StartupWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * At start, after the demo centre (if any) is written: a centre without an administrator gets one from
 * {@code KEPT_ADMIN_USERNAME}/{@code KEPT_ADMIN_PASSWORD} when they are set, otherwise the log shows the one-time setup
 * link. A centre that has an administrator hears nothing.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class FirstStartRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStartRunner.class);
    private static final String WORK = "first administrator";

    private final FirstStart firstStart;
    private final StartupWork startup;
    private final Environment environment;
    private final String username;
    private final String password;

    FirstStartRunner(FirstStart firstStart, StartupWork startup, Environment environment,
                     @Value("${kept.admin.username:}") String username, @Value("${kept.admin.password:}") String password) {
        this.firstStart = firstStart;
        this.startup = startup;
        this.environment = environment;
        this.username = username;
        this.password = password;
        startup.expect(WORK);
    }

    @Override
    public void run(ApplicationArguments args) {
        startup.run(WORK, this::check);
    }

    private void check() {
        if (!username.isBlank()) {
            try {
                if (firstStart.createFromEnvironment(username.strip(), password)) {
                    log.info("First administrator \"{}\" created from KEPT_ADMIN_USERNAME/KEPT_ADMIN_PASSWORD", username.strip());
                }
            } catch (KeptException refused) {
                // an automated install with a bad value should stop loudly, not start without anyone able to sign in
                throw new IllegalStateException("KEPT_ADMIN_USERNAME/KEPT_ADMIN_PASSWORD refused (" + refused.messageKey()
                        + "): the username takes 3 to 60 letters, digits, '.', '_' or '-', the password 8 to 72 bytes");
            }
            return;
        }
        firstStart.openLink().ifPresent(token -> log.warn("No administrator yet. Open this one-time link to set Kept up "
                        + "(administrator, centre name and time zone, first team): http://localhost:{}/setup?token={}",
                environment.getProperty("local.server.port", environment.getProperty("server.port", "8080")), token));
    }
}
