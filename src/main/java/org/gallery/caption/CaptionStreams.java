package org.gallery.caption;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gallery.config.Settings;
import org.gallery.shared.Actor;
import org.gallery.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams a generation as Server-Sent Events: a {@code token} event per piece of text as the backend sends it,
 * then {@code done} with the saved caption, or {@code error} with a problem body. When the client goes away the
 * generation is stopped and nothing is saved.
 */
@Component
class CaptionStreams {

    private static final Logger log = LoggerFactory.getLogger(CaptionStreams.class);

    private final CaptionGeneration generation;
    private final long timeoutMs;

    CaptionStreams(CaptionGeneration generation, Settings settings) {
        this.generation = generation;
        // the backend's own timeout ends a stuck generation first; this only bounds the open connection
        this.timeoutMs = Duration.ofSeconds(settings.captions().timeoutSeconds()).plusSeconds(30).toMillis();
    }

    SseEmitter start(CaptionGeneration.Prepared prepared) {
        SseEmitter emitter = new SseEmitter(timeoutMs);
        AtomicBoolean gone = new AtomicBoolean();
        // the caption is saved on the stream's own thread, in the name of whoever asked for it
        Actor actor = Actor.current();
        Thread worker = Thread.ofVirtual().name("caption-stream-" + prepared.imageId()).unstarted(() -> actor.run(() -> {
            try {
                GenerationResult result = generation.stream(prepared, text -> send(emitter, gone, "token", Map.of("text", text)));
                send(emitter, gone, "done", result);
                emitter.complete();
            } catch (ApiException e) {
                sendError(emitter, gone, e.status().value(), e.getMessage());
            } catch (ClientGone | java.util.concurrent.CancellationException e) {
                log.info("Caption stream for {} ended by the client; nothing saved", prepared.imageId());
            } catch (RuntimeException e) {
                log.error("Caption stream for {} failed", prepared.imageId(), e);
                sendError(emitter, gone, 500, "Internal error; the server log has the details");
            }
        }));
        Runnable stop = () -> {
            gone.set(true);
            worker.interrupt();
        };
        emitter.onCompletion(() -> gone.set(true));
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        worker.start();
        return emitter;
    }

    private static void send(SseEmitter emitter, AtomicBoolean gone, String event, Object data) {
        if (gone.get()) {
            throw new ClientGone();
        }
        try {
            emitter.send(SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            gone.set(true);
            throw new ClientGone();
        }
    }

    private static void sendError(SseEmitter emitter, AtomicBoolean gone, int status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail);
        try {
            send(emitter, gone, "error", problem);
            emitter.complete();
        } catch (ClientGone ignored) {
            // nobody is listening any more
        }
    }

    /** The client closed the connection: the generator stops when its sink throws this. */
    private static final class ClientGone extends RuntimeException {
        ClientGone() {
            super("client disconnected", null, false, false);
        }
    }

}
