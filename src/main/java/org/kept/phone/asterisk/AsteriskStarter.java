package org.kept.phone.asterisk;

import java.time.Clock;
import java.util.Objects;
import org.kept.phone.internal.AmiLine;
import org.kept.phone.internal.AsteriskSettingsStore;
import org.kept.phone.internal.CallDesk;
import org.kept.phone.internal.IntegrationStore;
import org.kept.phone.internal.PbxLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Connects to Asterisk with the settings an administrator saved on {@code /admin/asterisk} (the
 * {@code phone_asterisk_settings} row), or, while there is none, with the properties: {@code kept.asterisk.enabled}
 * (off by default), {@code host}, {@code port} (5038), {@code username}, {@code secret} (the manager.conf user),
 * {@code integration} (the {@code phone_integration} row its calls belong to, {@code asterisk}); always from the
 * properties: {@code extension-max-digits} (6: a caller id this short is an agent's extension dialling out),
 * {@code recording-base-uri} (where MixMonitor's files are served; blank: a {@code file:} URI of the path on the PBX),
 * {@code abuse-context} and {@code abuse-exten} (the dialplan that plays the abuse prompt and hangs up; blank: the
 * call is just hung up). Saved settings are taken without a restart: on the saving instance at once, on the others
 * when they see the row's version change ({@code kept.asterisk.settings-check}, every 5 s).
 */
@Component
class AsteriskStarter implements DisposableBean, PbxLine, AmiLine {

    private static final Logger log = LoggerFactory.getLogger(AsteriskStarter.class);

    private final boolean enabledByProperty;
    private final AsteriskAdapter.Settings fromProperties;
    private final AsteriskSettingsStore store;
    private final CallDesk desk;
    private final IntegrationStore integrations;
    private final Clock clock;
    private AsteriskAdapter adapter;
    private boolean ready;
    private int version = -1;

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
                    AsteriskSettingsStore store, CallDesk desk, IntegrationStore integrations, Clock clock) {
        this.enabledByProperty = enabled;
        this.fromProperties = new AsteriskAdapter.Settings(host, port, username, secret, integration, extensionMaxDigits,
                recordingBaseUri, abuseContext, abuseExten);
        this.store = store;
        this.desk = desk;
        this.integrations = integrations;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        ready = true;
        reload();
    }

    /** Another instance saved new settings: take them. */
    @Scheduled(fixedDelayString = "${kept.asterisk.settings-check:PT5S}", initialDelayString = "${kept.asterisk.settings-check:PT5S}")
    void check() {
        int saved;
        try {
            saved = store.version();
        } catch (RuntimeException databaseAway) {
            return;  // the connection keeps its settings until the database answers again
        }
        synchronized (this) {
            if (ready && saved != version) {
                reload();
            }
        }
    }

    @Override
    public synchronized void reload() {
        if (!ready) {
            return;
        }
        var saved = store.load();
        boolean enabled = saved.map(AsteriskSettingsStore.Saved::enabled).orElse(enabledByProperty);
        AsteriskAdapter.Settings wanted = saved.map(s -> new AsteriskAdapter.Settings(s.host(), s.port(), s.username(),
                s.secret(), s.integration(), fromProperties.extensionMaxDigits(), fromProperties.recordingBaseUri(),
                fromProperties.abuseContext(), fromProperties.abuseExten())).orElse(fromProperties);
        version = saved.map(AsteriskSettingsStore.Saved::version).orElse(0);
        if (adapter != null && enabled && Objects.equals(adapter.settings(), wanted)) {
            return;  // nothing that matters to the connection changed
        }
        if (adapter != null) {
            log.info("Asterisk AMI settings changed: closing the connection to {}:{}", adapter.settings().host(),
                    adapter.settings().port());
            adapter.close();
            adapter = null;
        }
        if (enabled) {
            adapter = new AsteriskAdapter(wanted, desk, integrations, clock).start();
        }
    }

    @Override
    public Shown shown() {
        var saved = store.load();
        if (saved.isPresent()) {
            var s = saved.get();
            return new Shown(s.enabled(), s.host(), s.port(), s.username(), !s.secret().isEmpty(), s.integration(), false,
                    s.updatedAt(), s.updatedBy());
        }
        return new Shown(enabledByProperty, fromProperties.host(), fromProperties.port(), fromProperties.username(),
                fromProperties.secret() != null && !fromProperties.secret().isEmpty(), fromProperties.integration(), true,
                null, null);
    }

    @Override
    public synchronized Live live() {
        if (adapter == null) {
            return new Live("OFF", null, 0, null, null, null, null);
        }
        AsteriskAdapter.Status s = adapter.status();
        return new Live(s.state().name(), s.host(), s.port(), s.integration(), s.lastError(), s.lastErrorAt(),
                s.lastEventAt());
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
        ready = false;
        if (adapter != null) {
            adapter.close();
        }
    }
}
