package org.kept.demo;

import org.kept.identity.Directory;
import org.kept.knowledge.KnowledgeSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says in one line what Kept loaded and where to sign in, once it is ready (after every start-up task, so the counts
 * are the real ones), and on the demo centre with which users.
 */
@Component
class StartupNotice {

    private static final Logger log = LoggerFactory.getLogger(StartupNotice.class);

    private final Environment environment;
    private final DemoData demo;
    private final Directory directory;
    private final KnowledgeSearch knowledge;

    StartupNotice(Environment environment, DemoData demo, Directory directory, KnowledgeSearch knowledge) {
        this.environment = environment;
        this.demo = demo;
        this.directory = directory;
        this.knowledge = knowledge;
    }

    @EventListener
    void ready(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.info("Kept is ready on {}: {} staff in {} teams, {} knowledge articles. Sign in at http://localhost:{}/login",
                database(environment.getProperty("spring.datasource.url", "")), directory.staff().size(),
                directory.teams().size(), knowledge.indexed(), port);
        if (demo.active()) {
            log.info("Demo users, password \"demo\": admin (administrator), lead (team lead), agent, outsourced (sees personal "
                    + "data masked), complaints (major-complaints group), compliance, compliance-lead, planner, customer (portal)");
        }
    }

    static String database(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return "PostgreSQL " + url.substring("jdbc:postgresql:".length()).replaceAll("\\?.*", "");
        }
        if (url.startsWith("jdbc:h2:file:")) {
            return "the embedded database " + url.substring("jdbc:h2:file:".length()).replaceAll(";.*", "");
        }
        return url.startsWith("jdbc:h2:") ? "the embedded database (in memory)" : url.replaceAll("[?;].*", "");
    }
}
