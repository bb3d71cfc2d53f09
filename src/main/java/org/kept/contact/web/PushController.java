package org.kept.contact.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.kept.contact.internal.Subscribers;
import org.kept.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The signed-in person's push stream (server-sent events): {@code /api/v1/push} with a bearer token, {@code
 * /console/push} with the page's session. It says {@code hello} at once, sends a comment every 15 s so proxies and
 * load balancers keep it open, and ends after {@code seconds} (at most 5 minutes): the browser's EventSource
 * reconnects by itself, which also spreads agents across instances again after one restarts.
 */
@RestController
class PushController {

    private static final long HEARTBEAT_SECONDS = 15;
    private static final int MAX_SECONDS = 300;

    private final Subscribers subscribers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kept-push-heartbeat");
        t.setDaemon(true);
        return t;
    });

    PushController(Subscribers subscribers) {
        this.subscribers = subscribers;
    }

    @Operation(summary = "The signed-in person's push stream (server-sent events: hello, screen-pop, …); ends after "
            + "seconds (at most 300), the client reconnects")
    @GetMapping({"/api/v1/push", "/console/push"})
    SseEmitter stream(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "300") int seconds,
                      HttpServletResponse response) {
        int lifetime = Math.max(0, Math.min(seconds, MAX_SECONDS));
        // nginx and other proxies buffer responses by default, which would hold events back until the buffer fills
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("Cache-Control", "no-cache, no-transform");
        SseEmitter emitter = new SseEmitter((lifetime + 30) * 1000L);
        if (lifetime == 0) {
            hello(emitter, me);
            emitter.complete();
            return emitter;
        }
        Runnable unsubscribe = subscribers.subscribe(me.id(), (event, json) -> send(emitter,
                SseEmitter.event().name(event).data(json, MediaType.APPLICATION_JSON)));
        ScheduledFuture<?> heartbeat = timer.scheduleAtFixedRate(() -> send(emitter, SseEmitter.event().comment("hb")),
                HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        ScheduledFuture<?> end = timer.schedule(emitter::complete, lifetime, TimeUnit.SECONDS);
        Runnable cleanUp = () -> {
            unsubscribe.run();
            heartbeat.cancel(false);
            end.cancel(false);
        };
        emitter.onCompletion(cleanUp);
        emitter.onTimeout(emitter::complete);
        emitter.onError(e -> cleanUp.run());
        // hello once subscribed: a client that has seen it misses nothing pushed afterwards
        hello(emitter, me);
        return emitter;
    }

    private static void hello(SseEmitter emitter, CurrentUser me) {
        send(emitter, SseEmitter.event().name("hello").reconnectTime(2000).data("{\"user\":" + me.id() + "}",
                MediaType.APPLICATION_JSON));
    }

    private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            // the page went away; completion runs the clean-up
            emitter.completeWithError(gone);
        }
    }
}
