package org.kept.phone.asterisk;

import java.time.Clock;
import org.kept.phone.internal.CallDesk;
import org.kept.phone.internal.IntegrationStore;
import org.kept.phone.internal.PbxLine;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Connects to Asterisk when {@code kept.asterisk.enabled} is true (off by default): {@code kept.asterisk.host},
 * {@code port} (5038), {@code username}, {@code secret} (the manager.conf user), {@code integration} (the
 * {@code phone_integration} row its calls belong to, {@code asterisk}) and {@code extension-max-digits} (6: a caller
 * id this short is an agent's extension dialling out) and {@code recording-base-uri} (where MixMonitor's files are
 * served; blank: a {@code file:} URI of the path on the PBX), {@code abuse-context} and {@code abuse-exten} (the
 * dialplan that plays the abuse prompt and hangs up, where a call an agent ended for abuse is redirected; blank: the
 * call is just hung up).
 */
@Component
class AsteriskStarter implements DisposableBean, PbxLine {

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
                    @Value("${kept.asterisk.recording-base-uri:}") String recordingBaseUri,
                    @Value("${kept.asterisk.abuse-context:}") String abuseContext,
                    @Value("${kept.asterisk.abuse-exten:s}") String abuseExten,
                    CallDesk desk, IntegrationStore integrations, Clock clock) {
        this.enabled = enabled;
        this.settings = new AsteriskAdapter.Settings(host, port, username, secret, integration, extensionMaxDigits,
                recordingBaseUri, abuseContext, abuseExten);
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
    public synchronized boolean serves(long integrationId) {
        return adapter != null && adapter.integrationId() == integrationId;
    }

    @Override
    public PbxLine.Sent endForAbuse(String callId) {
        AsteriskAdapter a;
        synchronized (this) {
            a = adapter;
        }
        return a == null ? new PbxLine.Sent(false, "ami", "the adapter is not running") : a.endForAbuse(callId);
    }

    @Override
    public synchronized void destroy() {
        if (adapter != null) {
            adapter.close();
        }
    }
}
