package org.kept.chat.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.kept.chat.internal.ChatDesk;
import org.kept.chat.internal.ChatMessage;
import org.kept.contact.Push;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A customer's chat stream: it listens on the chat's topic first, then sends what was stored after the window's last
 * message, so nothing falls between the two (the window drops a seq it has). A comment every 15 s keeps proxies from
 * closing it; it ends after {@code seconds} and the window reconnects from its last seq.
 */
@Component
class ChatStreams {

    private static final long HEARTBEAT_SECONDS = 15;

    private final Push push;
    private final JsonMapper json;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kept-chat-heartbeat");
        t.setDaemon(true);
        return t;
    });

    ChatStreams(Push push, JsonMapper json) {
        this.push = push;
        this.json = json;
    }

    SseEmitter open(String topic, int seconds, HttpServletResponse response, Supplier<List<ChatMessage>> backlog) {
        int lifetime = Math.max(0, Math.min(seconds, 300));
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("Cache-Control", "no-cache, no-transform");
        SseEmitter emitter = new SseEmitter((lifetime + 30) * 1000L);
        if (lifetime == 0) {
            sendBacklog(emitter, backlog);
            emitter.complete();
            return emitter;
        }
        Runnable unlisten = push.listen(topic, (event, data) -> send(emitter,
                SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON)));
        ScheduledFuture<?> heartbeat = timer.scheduleAtFixedRate(() -> send(emitter, SseEmitter.event().comment("hb")),
                HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        java.util.concurrent.atomic.AtomicReference<ScheduledFuture<?>> end = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable cleanUp = () -> {
            unlisten.run();
            heartbeat.cancel(false);
            ScheduledFuture<?> ending = end.get();
            if (ending != null) {
                ending.cancel(false);
            }
        };
        emitter.onCompletion(cleanUp);
        emitter.onTimeout(emitter::complete);
        emitter.onError(e -> cleanUp.run());
        // listening already: what is stored after the window's last seq now, and everything pushed from here on
        sendBacklog(emitter, backlog);
        end.set(timer.schedule(emitter::complete, lifetime, TimeUnit.SECONDS));
        return emitter;
    }

    private void sendBacklog(SseEmitter emitter, Supplier<List<ChatMessage>> backlog) {
        send(emitter, SseEmitter.event().name("hello").reconnectTime(2000).data("{}", MediaType.APPLICATION_JSON));
        for (ChatMessage m : backlog.get()) {
            send(emitter, SseEmitter.event().name("chat-message").data(json.writeValueAsString(ChatDesk.view(m)),
                    MediaType.APPLICATION_JSON));
        }
    }

    private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            try {
                emitter.completeWithError(gone);
            } catch (IllegalStateException done) {
                // completed already: the clean-up has run
            }
        }
    }
}
