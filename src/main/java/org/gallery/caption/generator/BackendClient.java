package org.gallery.caption.generator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.gallery.caption.generator.CaptionBackendException.Kind;
import org.gallery.caption.generator.ResponseLines.End;
import org.gallery.caption.generator.ResponseLines.Event;
import org.gallery.caption.generator.ResponseLines.Failed;
import org.gallery.caption.generator.ResponseLines.Head;
import org.gallery.caption.generator.ResponseLines.Line;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one caption backend over HTTP: JSON POSTs whose response is read line by line, so that streamed text reaches
 * the caller as it arrives.
 *
 * <ul>
 *   <li>At most {@code CAPTION_CONCURRENCY} calls run at once; the rest wait in arrival order (a fair semaphore).
 *       A slot is held for one attempt, not during the pause before the next.</li>
 *   <li>One deadline of {@code CAPTION_TIMEOUT_SECONDS} covers waiting for a slot, every attempt and pause, and the
 *       whole response; a stream may also not stall longer than {@link CaptionTimeouts#stall()} between pieces.</li>
 *   <li>An answer of 429 or 5xx is tried again (see {@link RetryPolicy}) while the deadline allows; any other 4xx
 *       is final. Retries are decided on the status line, before any of the body has been read, so text that already
 *       reached a caller is never generated twice.</li>
 *   <li>A refused connection (or an unknown host, or a connect timeout) is {@link Kind#UNREACHABLE} at once, without
 *       retries: nothing is listening, and waiting out the backoff would only delay the answer. A backend that is
 *       starting up answers 503 while it loads, and that is retried.</li>
 * </ul>
 */
final class BackendClient implements AutoCloseable {

    /** One POST: {@code accept} is the media type of a streamed answer. */
    record Post(URI uri, @Nullable String bearerToken, byte[] json, boolean streaming, String accept) {
    }

    /** Reads a successful response body. */
    interface BodyReader {
        /** Handles one line; returns true once the response is complete (the rest of the body is not read). */
        boolean line(String line);

        /** The body ended before the reader said it was complete. */
        default void end() {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(BackendClient.class);
    private static final int MAX_ERROR_BODY_CHARS = 64 * 1024;
    private static final long MAX_BODY_CHARS = 16L * 1024 * 1024;
    private static final Duration AFTER_ANSWER = Duration.ofSeconds(1);

    private final String generator;
    /** Made at the first call: a client's TLS set-up reads the trust store, which a start without captions skips. */
    private volatile @Nullable HttpClient http;
    private final Semaphore slots;
    private final int concurrency;
    private final CaptionTimeouts timeouts;
    private final RetryPolicy retry;

    BackendClient(String generator, CaptionTimeouts timeouts, int concurrency, RetryPolicy retry) {
        this.generator = generator;
        this.timeouts = timeouts;
        this.concurrency = concurrency;
        this.retry = retry;
        this.slots = new Semaphore(concurrency, true);
        // HTTP/1.1: the local servers (llama.cpp, vLLM, LM Studio, Ollama) speak it, and cancelling a response
        // closes its connection, which is how those servers learn to stop generating.
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(timeouts.connect())
                            // a redirected POST may come back as a GET without its body: report the new address
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                }
                client = http;
            }
        }
        return client;
    }

    /** Sends {@code post} and hands the successful response to {@code reader}; throws on every kind of failure. */
    void post(Post post, BodyReader reader) {
        long deadline = System.nanoTime() + timeouts.total().toNanos();
        for (int attempt = 1; ; attempt++) {
            RetryableAnswer answer = attempt(post, reader, deadline);
            if (answer == null) {
                return;
            }
            Duration pause = retry.delayBefore(attempt, answer.retryAfter(), Instant.now());
            if (attempt >= retry.maxAttempts() || pause.toNanos() >= remaining(deadline)) {
                throw answer.error();
            }
            log.warn("{} (attempt {} of {}); trying again in {} ms", answer.error().getMessage(), attempt,
                    retry.maxAttempts(), pause.toMillis());
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }
    }

    private record RetryableAnswer(CaptionBackendException error, @Nullable String retryAfter) {
    }

    private @Nullable RetryableAnswer attempt(Post post, BodyReader reader, long deadline) {
        acquireSlot(deadline);
        ResponseLines lines = null;
        try {
            lines = ResponseLines.send(http(), request(post, deadline));
            Head head = awaitHead(lines, post.uri(), deadline);
            if (head.status() >= 200 && head.status() <= 299) {
                readBody(lines, post, reader, deadline);
                return null;
            }
            String body = readErrorBody(lines, deadline);
            String message = Json.errorMessage(body);
            if (head.status() >= 300 && head.status() <= 399) {
                message = "redirected to " + head.headers().firstValue("Location").orElse("(no Location)")
                        + "; set the base URL to the new address";
            }
            var error = new CaptionBackendException(Kind.BACKEND_ERROR, generator,
                    generator + " backend answered " + head.status() + ": " + message, head.status(), message, null);
            if (RetryPolicy.retryable(head.status())) {
                return new RetryableAnswer(error, head.headers().firstValue("Retry-After").orElse(null));
            }
            throw error;
        } catch (InterruptedException e) {
            throw interrupted();
        } finally {
            if (lines != null) {
                lines.cancel();
            }
            slots.release();
        }
    }

    private void acquireSlot(long deadline) {
        try {
            if (!slots.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS)) {
                throw new CaptionBackendException(Kind.TIMEOUT, generator, "no free " + generator + " slot within "
                        + timeouts.total().toSeconds() + " s (CAPTION_TIMEOUT_SECONDS): all " + concurrency
                        + " (CAPTION_CONCURRENCY) were busy");
            }
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    private HttpRequest request(Post post, long deadline) {
        long left = remaining(deadline);
        if (left <= 0) {
            throw timeout();
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(post.uri())
                .timeout(Duration.ofNanos(left))
                .header("Content-Type", "application/json")
                .header("Accept", post.streaming() ? post.accept() : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(post.json()));
        if (post.bearerToken() != null) {
            b.header("Authorization", "Bearer " + post.bearerToken());
        }
        return b.build();
    }

    private Head awaitHead(ResponseLines lines, URI uri, long deadline) throws InterruptedException {
        while (true) {
            Event event = lines.next(Duration.ofNanos(remaining(deadline)));
            switch (event) {
                case null -> throw timeout();
                case Head head -> {
                    return head;
                }
                case Failed failed -> throw failure(failed.error(), uri);
                case Line ignored -> throw new IllegalStateException("body before headers");
                case End ignored -> throw new IllegalStateException("end before headers");
            }
        }
    }

    private void readBody(ResponseLines lines, Post post, BodyReader reader, long deadline)
            throws InterruptedException {
        boolean started = false;
        long chars = 0;
        while (true) {
            long left = remaining(deadline);
            if (left <= 0) {
                throw timeout();
            }
            boolean stallApplies = post.streaming() && started && timeouts.stall().toNanos() < left;
            Event event = lines.next(stallApplies ? timeouts.stall() : Duration.ofNanos(left));
            switch (event) {
                case null -> throw stallApplies ? stalled() : timeout();
                case Line line -> {
                    started = true;
                    chars += line.text().length() + 1;
                    if (chars > MAX_BODY_CHARS) {
                        throw new CaptionBackendException(Kind.BACKEND_ERROR, generator,
                                generator + " backend sent more than " + MAX_BODY_CHARS + " characters");
                    }
                    if (reader.line(line.text())) {
                        awaitEnd(lines, deadline);
                        return;
                    }
                }
                case End ignored -> {
                    reader.end();
                    return;
                }
                case Failed failed -> throw failure(failed.error(), post.uri());
                case Head ignored -> throw new IllegalStateException("headers twice");
            }
        }
    }

    /**
     * After the reader has its answer, waits briefly for the body to end (the terminating chunk follows at once), so
     * the connection is reused instead of being cut; whatever comes before the end is ignored.
     */
    private static void awaitEnd(ResponseLines lines, long deadline) throws InterruptedException {
        long until = System.nanoTime() + Math.min(remaining(deadline), AFTER_ANSWER.toNanos());
        while (true) {
            Event event = lines.next(Duration.ofNanos(until - System.nanoTime()));
            if (event == null || event instanceof End || event instanceof Failed) {
                return;
            }
        }
    }

    /** As much of an error body as arrives in time; the status alone still makes a useful error. */
    private String readErrorBody(ResponseLines lines, long deadline) throws InterruptedException {
        var body = new StringBuilder();
        while (body.length() < MAX_ERROR_BODY_CHARS) {
            Event event = lines.next(Duration.ofNanos(remaining(deadline)));
            if (!(event instanceof Line line)) {
                break;
            }
            body.append(line.text()).append('\n');
        }
        return body.toString();
    }

    private CaptionBackendException failure(Throwable error, URI uri) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        String where = generator + " backend at " + uri.getScheme() + "://" + uri.getAuthority();
        if (e instanceof HttpConnectTimeoutException) {
            return new CaptionBackendException(Kind.UNREACHABLE, generator, where + " did not accept a connection within "
                    + timeouts.connect().toSeconds() + " s", null, null, e);
        }
        if (e instanceof HttpTimeoutException) {
            return timeout();
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof UnresolvedAddressException || c instanceof NoRouteToHostException) {
                return new CaptionBackendException(Kind.UNREACHABLE, generator, where + " is unreachable: " + describe(c),
                        null, null, e);
            }
        }
        if (e instanceof CancellationException) {
            return new CaptionBackendException(Kind.BACKEND_ERROR, generator, where + ": the request was cancelled",
                    null, null, e);
        }
        String reason = e instanceof IOException ? "the connection failed: " : "the request failed: ";
        return new CaptionBackendException(Kind.BACKEND_ERROR, generator, where + ": " + reason + describe(e), null,
                null, e);
    }

    private CaptionBackendException timeout() {
        return new CaptionBackendException(Kind.TIMEOUT, generator, generator + " backend did not finish within "
                + timeouts.total().toSeconds() + " s (CAPTION_TIMEOUT_SECONDS)");
    }

    private CaptionBackendException stalled() {
        return new CaptionBackendException(Kind.TIMEOUT, generator, generator + " backend stopped sending for "
                + timeouts.stall().toMillis() + " ms in the middle of its answer");
    }

    private CancellationException interrupted() {
        Thread.currentThread().interrupt();
        return new CancellationException(generator + " caption generation was interrupted");
    }

    private static long remaining(long deadline) {
        return deadline - System.nanoTime();
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Aborts calls still running: the application is stopping. */
    @Override
    public void close() {
        HttpClient client = http;
        if (client != null) {
            client.shutdownNow();
        }
    }
}
