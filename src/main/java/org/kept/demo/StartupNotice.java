package org.kept.demo;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started Kept where to open it and, on the demo centre, with which users. */
@Component
class StartupNotice {

    private final Environment environment;
    private final DemoData demo;

    StartupNotice(Environment environment, DemoData demo) {
        this.environment = environment;
        this.demo = demo;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        StringBuilder text = new StringBuilder("\n\n  Kept is running at http://localhost:" + port + "/\n");
        text.append("  API docs: http://localhost:").append(port).append("/swagger-ui.html\n");
        if (demo.active()) {
            text.append("  Demo users (password: demo): ");
            DemoData.USERS.forEach(u -> text.append(u[0]).append(' '));
            text.append("\n    admin=administrator, lead=team lead, agent=in-house agent, outsourced=outsourced agent,\n")
                    .append("    complaints=major-complaints group, compliance, planner, customer=a customer (portal)\n");
        }
        System.out.println(text);
    }
}
