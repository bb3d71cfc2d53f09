package org.kept.phone.asterisk;

import java.time.Clock;
import org.kept.phone.internal.CallDesk;
import org.kept.phone.internal.IntegrationStore;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Connects to Asterisk when {@code kept.asterisk.enabled} is true (off by default): {@code kept.asterisk.host},
 * {@code port} (5038), {@code username}, {@code secret} (the manager.conf user), {@code integration} (the
 * {@code phone_integration} row its calls belong to, {@code asterisk}) and {@code extension-max-digits} (6: a caller
 * id this short is an agent's extension dialling out).
 */
@Component
class AsteriskStarter implements DisposableBean {

    private final boolean enabled;
    private final AsteriskAdapter.Settings settings;
    private final CallDesk desk;
    private final IntegrationStore integrations;
    private final Clock clock;
    private AsteriskAdapter adapter;

    AsteriskStarter(@Value("${kept.asterisk.enabled:false}") boolean enabled,
                    @Value("${kept.asterisk.host:127.0.0.1}") String host,
                    @Value("${kept.asterisk.port:5038}") int port,
                    @Value("${kept.asterisk.username:kept}") String username,
                    @Value("${kept.asterisk.secret:}") String secret,
                    @Value("${kept.asterisk.integration:asterisk}") String integration,
                    @Value("${kept.asterisk.extension-max-digits:6}") int extensionMaxDigits,
                    CallDesk desk, IntegrationStore integrations, Clock clock) {
        this.enabled = enabled;
        this.settings = new AsteriskAdapter.Settings(host, port, username, secret, integration, extensionMaxDigits);
        this.desk = desk;
        this.integrations = integrations;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (enabled && adapter == null) {
            adapter = new AsteriskAdapter(settings, desk, integrations, clock).start();
        }
    }

    @Override
    public synchronized void destroy() {
        if (adapter != null) {
            adapter.close();
        }
    }
}
