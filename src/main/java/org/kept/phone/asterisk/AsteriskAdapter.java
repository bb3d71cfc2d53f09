package org.kept.phone.asterisk;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.kept.phone.internal.CallDesk;
import org.kept.phone.internal.CallEvent;
import org.kept.phone.internal.IntegrationStore;
import org.kept.shared.DatabaseAway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

/**
 * One AMI connection to an Asterisk server (asterisk-java's {@link ManagerConnection}): logs in, follows the call
 * events, and applies what they mean through {@link CallDesk#accept}, the desk behind {@code POST /api/v1/cti/events},
 * as the integration row named in the settings (created on first start). The first login is retried with backoff
 * (1, 2, 4 … 30 s) while the PBX is away; once connected, asterisk-java reconnects by itself when the PBX drops the
 * connection (ten quick tries 50 ms apart, then every 5 s) and logs in again. Events are applied in order on one
 * thread of their own, so a slow database never stalls the AMI reader.
 */
public class AsteriskAdapter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AsteriskAdapter.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration WATCH = Duration.ofSeconds(2);

    /**
     * Where the PBX is and who we are to it; {@code integration} names the {@code phone_integration} row;
     * {@code recordingBaseUri} is where the centre serves MixMonitor's files (the file's name is appended), blank for
     * a {@code file:} URI of the path on the PBX.
     */
    public record Settings(String host, int port, String username, String secret, String integration,
                           int extensionMaxDigits, String recordingBaseUri, String abuseContext, String abuseExten) {

        public Settings(String host, int port, String username, String secret, String integration, int extensionMaxDigits) {
            this(host, port, username, secret, integration, extensionMaxDigits, null, null, null);
        }
    }

    private final Settings settings;
    private final CallDesk desk;
    private final IntegrationStore integrations;
    private final Clock clock;
    private final AmiCalls calls;
    private final ExecutorService applier;
    private final AtomicLong applied = new AtomicLong();
    private final Thread connector;
    private volatile boolean running = true;
    private volatile ManagerConnection connection;
    private volatile long integrationId;
    private volatile boolean failedBefore;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant lastEventAt;

    /**
     * The AMI event classes the adapter follows, registered on each connection by hand: asterisk-java finds its event
     * classes by scanning the package {@code org.asteriskjava.manager.event} on the class path (Reflections), and a
     * scan that finds nothing (a class loader that does not list its jars' directories) would leave every event
     * unbuilt and dropped without a word. Registered here, these are built whatever the scan found.
     */
    static final java.util.List<Class<? extends ManagerEvent>> FOLLOWED = java.util.List.of(NewChannelEvent.class,
            QueueCallerJoinEvent.class, QueueCallerAbandonEvent.class, AgentCalledEvent.class, AgentConnectEvent.class,
            DialBeginEvent.class, BridgeEnterEvent.class, VarSetEvent.class, HangupEvent.class);

    /** How the connection stands, for the settings page. */
    public enum State {
        CONNECTING, CONNECTED, RECONNECTING, STOPPED
    }

    /** The connection's live state: the last error (with its time) and when the PBX last sent anything. */
    public record Status(State state, String host, int port, String integration, String lastError, Instant lastErrorAt,
                         Instant lastEventAt) {
    }

    public AsteriskAdapter(Settings settings, CallDesk desk, IntegrationStore integrations, Clock clock) {
        this.settings = settings;
        this.desk = desk;
        this.integrations = integrations;
        this.clock = clock;
        this.calls = new AmiCalls(settings.extensionMaxDigits(), settings.recordingBaseUri());
        this.applier = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "asterisk-events");
            t.setDaemon(true);
            return t;
        });
        this.connector = new Thread(this::connect, "asterisk-connect");
        this.connector.setDaemon(true);
    }

    public AsteriskAdapter start() {
        connector.start();
        return this;
    }

    /** True while logged in to the PBX. */
    public boolean connected() {
        ManagerConnection c = connection;
        return c != null && c.getState() == ManagerConnectionState.CONNECTED;
    }

    /** Where the connection stands now. */
    public Status status() {
        ManagerConnection c = connection;
        State state;
        if (!running) {
            state = State.STOPPED;
        } else if (c != null && c.getState() == ManagerConnectionState.CONNECTED) {
            state = State.CONNECTED;
        } else if ((c != null && c.getState() == ManagerConnectionState.RECONNECTING) || failedBefore) {
            state = State.RECONNECTING;
        } else {
            state = State.CONNECTING;
        }
        return new Status(state, settings.host(), settings.port(), settings.integration(), lastError, lastErrorAt,
                lastEventAt);
    }

    /** The settings this adapter runs with. */
    public Settings settings() {
        return settings;
    }

    /** The {@code phone_integration} row this adapter's calls belong to (0 before the first connection). */
    public long integrationId() {
        return integrationId;
    }

    /**
     * An agent ended the call for abuse: the caller's channel is sent to the dialplan context that plays the prompt and
     * hangs up (AMI Redirect to {@code abuseContext}, extension {@code abuseExten} or {@code s}, priority 1), or, without
     * such a context, hung up (AMI Hangup, cause 16).
     */
    public org.kept.phone.internal.PbxLine.Sent endForAbuse(String callId) {
        String channel;
        try {
            // the calls are the event thread's alone: ask it, behind the events already received
            channel = applier.submit(() -> calls.channelOf(callId)).get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.RejectedExecutionException e) {
            return new org.kept.phone.internal.PbxLine.Sent(false, "ami", "call not found: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new org.kept.phone.internal.PbxLine.Sent(false, "ami", "interrupted");
        }
        ManagerConnection c = connection;
        if (channel == null || c == null || c.getState() != ManagerConnectionState.CONNECTED) {
            return new org.kept.phone.internal.PbxLine.Sent(false, "ami",
                    channel == null ? "the call is not on the PBX" : "not connected to the PBX");
        }
        boolean prompt = settings.abuseContext() != null && !settings.abuseContext().isBlank();
        org.asteriskjava.manager.action.ManagerAction action = prompt
                ? new org.asteriskjava.manager.action.RedirectAction(channel, settings.abuseContext().strip(),
                        settings.abuseExten() == null || settings.abuseExten().isBlank() ? "s" : settings.abuseExten().strip(), 1)
                : new org.asteriskjava.manager.action.HangupAction(channel, 16);
        String via = prompt ? "ami:Redirect" : "ami:Hangup";
        try {
            org.asteriskjava.manager.response.ManagerResponse r = c.sendAction(action, 5_000);
            boolean ok = r != null && "Success".equalsIgnoreCase(r.getResponse());
            return new org.kept.phone.internal.PbxLine.Sent(ok, via, channel + ": " + (r == null ? "no answer" : r.getResponse()
                    + (r.getMessage() == null ? "" : " " + r.getMessage())));
        } catch (IOException | TimeoutException | IllegalStateException e) {
            return new org.kept.phone.internal.PbxLine.Sent(false, via, channel + ": " + e);
        }
    }

    /** Call events applied so far (for tests and the log). */
    public long applied() {
        return applied.get();
    }

    private void connect() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            ManagerConnection c = null;
            try {
                integrationId = integration();
                c = new ManagerConnectionFactory(settings.host(), settings.port(), settings.username(),
                        settings.secret()).createManagerConnection();
                for (Class<? extends ManagerEvent> followed : FOLLOWED) {
                    c.registerUserEventClass(followed);  // see FOLLOWED: independent of asterisk-java's package scan
                }
                c.addEventListener(this::onEvent);
                connection = c;
                c.login("call,agent,dialplan");
                log.info("Asterisk AMI connected to {}:{} as integration '{}'", settings.host(), settings.port(),
                        settings.integration());
                backoff = Duration.ofSeconds(1);
                // from here asterisk-java reconnects by itself after a drop; a connection it gave up on (the PBX
                // logged us off, or refused the login after a restart) is started again from the beginning
                while (running && c.getState() != ManagerConnectionState.DISCONNECTED) {
                    Thread.sleep(WATCH.toMillis());
                }
                if (running) {
                    log.warn("Asterisk AMI connection to {}:{} ended; connecting again", settings.host(), settings.port());
                    failed("the PBX ended the connection");
                }
                connection = null;
                continue;
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | TimeoutException | AuthenticationFailedException | RuntimeException e) {
                if (c != null) {
                    connection = null;
                    quietly(c);
                }
                if (!running) {
                    return;
                }
                failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                log.warn("Asterisk AMI at {}:{} not reachable ({}); trying again in {} s", settings.host(),
                        settings.port(), e.getMessage(), backoff.toSeconds());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void failed(String error) {
        lastError = error;
        lastErrorAt = clock.instant();
        failedBefore = true;
    }

    private long integration() {
        return integrations.named(settings.integration()).map(IntegrationStore.Integration::id).orElseGet(() -> {
            try {
                return integrations.create(settings.integration(), clock.instant()).id();
            } catch (DuplicateKeyException raced) {
                return integrations.named(settings.integration()).orElseThrow().id();  // another instance made it
            }
        });
    }

    private void onEvent(ManagerEvent event) {
        lastEventAt = clock.instant();
        AmiEvent e = read(event);
        if (e != null && running) {
            applier.execute(() -> apply(e));
        }
    }

    private void apply(AmiEvent e) {
        for (CallEvent call : calls.on(e, clock.instant())) {
            for (int attempt = 1; running; attempt++) {
                try {
                    desk.accept(integrationId, call);
                    applied.incrementAndGet();
                    break;
                } catch (RuntimeException failure) {
                    if (!DatabaseAway.is(failure) || attempt >= 6) {
                        log.warn("Asterisk event {} of call {} not applied: {}", call.event(), call.callId(),
                                failure.toString());
                        break;
                    }
                    try {
                        Thread.sleep(1000L << (attempt - 1));  // the database is away: 1, 2 … 16 s, in order
                    } catch (InterruptedException stop) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** The fields the correlation reads, from the asterisk-java event classes it follows; null for any other event. */
    static AmiEvent read(ManagerEvent event) {
        Instant at = event.getTimestamp() == null ? null
                : Instant.ofEpochMilli(Math.round(event.getTimestamp() * 1000));
        if (event instanceof NewChannelEvent e) {
            return new AmiEvent("Newchannel", e.getLinkedid(), e.getUniqueId(), e.getChannel(), e.getCallerIdNum(),
                    e.getExten(), null, null, null, null, null, at);
        } else if (event instanceof QueueCallerJoinEvent e) {
            return new AmiEvent("QueueCallerJoin", e.getLinkedId(), e.getUniqueId(), e.getChannel(), null, null, null,
                    null, e.getQueue(), null, null, at);
        } else if (event instanceof QueueCallerAbandonEvent e) {
            return new AmiEvent("QueueCallerAbandon", e.getLinkedId(), e.getUniqueId(), e.getChannel(), null, null, null,
                    null, e.getQueue(), null, null, at);
        } else if (event instanceof AgentCalledEvent e) {
            return new AmiEvent("AgentCalled", e.getLinkedId(), e.getUniqueId(), e.getChannel(), null, null,
                    e.getDestUniqueId(), e.getDestChannel(), e.getQueue(), e.getInterface(), null, at);
        } else if (event instanceof AgentConnectEvent e) {
            return new AmiEvent("AgentConnect", e.getLinkedId(), e.getUniqueId(), e.getChannel(), null, null,
                    e.getDestUniqueId(), e.getDestChannel(), e.getQueue(), e.getInterface(), null, at);
        } else if (event instanceof DialBeginEvent e) {
            return new AmiEvent("DialBegin", e.getLinkedId(), e.getUniqueId(), e.getChannel(), null, e.getDestExten(),
                    e.getDestUniqueId(), e.getDestChannel(), null, null, null, at);
        } else if (event instanceof BridgeEnterEvent e) {
            return new AmiEvent("BridgeEnter", e.getLinkedId(), e.getUniqueId(), e.getChannel(), null, null, null, null,
                    null, null, null, at);
        } else if (event instanceof VarSetEvent e && AmiCalls.RECORDING_VARIABLE.equals(e.getVariable())) {
            return new AmiEvent("VarSet", e.getLinkedId(), e.getUniqueId(), e.getChannel(), null, null, null, null, null,
                    null, null, at, e.getVariable(), e.getValue());
        } else if (event instanceof HangupEvent e) {
            return new AmiEvent("Hangup", e.getLinkedId(), e.getUniqueId(), e.getChannel(), null, null, null, null, null,
                    null, e.getCause(), at);
        }
        return null;
    }

    @Override
    public void close() {
        running = false;
        connector.interrupt();
        ManagerConnection c = connection;
        if (c != null) {
            quietly(c);
        }
        applier.shutdown();
        try {
            applier.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void quietly(ManagerConnection c) {
        try {
            if (c.getState() == ManagerConnectionState.CONNECTED || c.getState() == ManagerConnectionState.RECONNECTING) {
                c.logoff();
            }
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
