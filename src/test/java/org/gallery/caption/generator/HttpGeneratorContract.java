package org.gallery.caption.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.Color;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.gallery.caption.generator.CaptionBackendException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every HTTP caption backend must do, tested against a server in the test that speaks the backend's wire
 * protocol. A subclass supplies the protocol: its answers, stream pieces and error bodies.
 */
@Timeout(30)
abstract class HttpGeneratorContract {

    static final byte[] IMAGE = Jpegs.solid(64, 48, Color.RED);
    static final CaptionRequest REQUEST = new CaptionRequest(IMAGE, "Describe the image.", null, 50);
    static final RetryPolicy FAST_RETRIES = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100));
    static final CaptionTimeouts TIMEOUTS = new CaptionTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofSeconds(5));

    protected MockWebServer server;
    /** Scripts that hold the server back wait on this; released after each test so the server can stop. */
    protected final CountDownLatch release = new CountDownLatch(1);

    /** A generator talking to {@code baseUrl} through {@code client}. */
    abstract CaptionGenerator generator(String baseUrl, BackendClient client);

    /** The base URL's path on the test server ("/v1" for OpenAI, "" for Ollama). */
    abstract String basePath();

    /** The path the generator must POST to. */
    abstract String endpointPath();

    /** A complete, non-streamed answer. */
    abstract String fullAnswer(String text, int promptTokens, int outputTokens);

    abstract String streamContentType();

    /** One streamed piece of text, exactly as the backend frames it. */
    abstract String streamPiece(String delta);

    /** What ends a stream, with the token counts. */
    abstract String streamEnd(int promptTokens, int outputTokens);

    /** An error body carrying {@code message}. */
    abstract String errorBody(String message);

    /** An error reported inside a stream that already started. */
    abstract String streamError(String message);

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.close();
    }

    CaptionGenerator generator(CaptionTimeouts timeouts, int concurrency) {
        return generator(server.url(basePath()).toString(), new BackendClient("test", timeouts, concurrency, FAST_RETRIES));
    }

    CaptionGenerator generator() {
        return generator(TIMEOUTS, 2);
    }

    MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
    }

    MockResponse stream(ScriptedBody.Script script) {
        return ScriptedBody.response(streamContentType(), script);
    }

    /** A stream of the given pieces followed by the end, all at once. */
    MockResponse streamOf(String... pieces) {
        return stream(out -> {
            for (String p : pieces) {
                out.send(streamPiece(p));
            }
            out.send(streamEnd(12, pieces.length));
        });
    }

    // --- answers ---------------------------------------------------------------------------------------------------

    @Test
    void generateReturnsTheCaptionAndTokenCounts() throws Exception {
        server.enqueue(json(200, fullAnswer("  A red rectangle.\n", 812, 5)));

        GeneratedCaption caption = generator().generate(REQUEST);

        assertThat(caption.text()).isEqualTo("A red rectangle.");
        assertThat(caption.promptTokens()).isEqualTo(812);
        assertThat(caption.outputTokens()).isEqualTo(5);
        assertThat(caption.durationMs()).isNotNegative();
        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getUrl().encodedPath()).isEqualTo(endpointPath());
        assertThat(recorded.getHeaders().get("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void streamHandsEachPieceOverAndReturnsTheWholeCaption() {
        server.enqueue(streamOf("A", " red", " rectangle", "."));
        List<String> pieces = new CopyOnWriteArrayList<>();

        GeneratedCaption caption = generator().stream(REQUEST, pieces::add);

        assertThat(pieces).containsExactly("A", " red", " rectangle", ".");
        assertThat(caption.text()).isEqualTo("A red rectangle.");
        assertThat(caption.promptTokens()).isEqualTo(12);
        assertThat(caption.outputTokens()).isEqualTo(4);
    }

    @Test
    void theFirstPieceReachesTheSinkBeforeTheServerSendsTheRest() {
        var firstArrived = new CountDownLatch(1);
        var arrivedBeforeRest = new AtomicBoolean();
        var restSentAt = new AtomicLong();
        server.enqueue(stream(out -> {
            out.send(streamPiece("A"));
            // hold the rest back until the client has the first piece: a client that buffers never gets it
            arrivedBeforeRest.set(firstArrived.await(5, TimeUnit.SECONDS));
            restSentAt.set(System.nanoTime());
            out.send(streamPiece(" red"));
            out.send(streamPiece(" square."));
            out.send(streamEnd(3, 3));
        }));
        List<Long> arrivals = new CopyOnWriteArrayList<>();

        GeneratedCaption caption = generator().stream(REQUEST, delta -> {
            arrivals.add(System.nanoTime());
            firstArrived.countDown();
        });

        assertThat(arrivedBeforeRest).as("first piece reached the sink while the server held back the rest").isTrue();
        assertThat(arrivals.getFirst()).isLessThan(restSentAt.get());
        assertThat(caption.text()).isEqualTo("A red square.");
    }

    @Test
    void piecesSentApartArriveApart() {
        server.enqueue(stream(out -> {
            for (String p : new String[] {"One", " two", " three."}) {
                out.send(streamPiece(p));
                Thread.sleep(250);
            }
            out.send(streamEnd(1, 3));
        }));
        List<Long> arrivals = new CopyOnWriteArrayList<>();

        generator().stream(REQUEST, delta -> arrivals.add(System.nanoTime()));

        assertThat(arrivals).hasSize(3);
        assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.get(1) - arrivals.get(0))).isGreaterThanOrEqualTo(150);
        assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.get(2) - arrivals.get(1))).isGreaterThanOrEqualTo(150);
    }

    @Test
    void completeAnswersLeaveTheConnectionOpenForTheNextCall() throws Exception {
        CaptionGenerator generator = generator(TIMEOUTS, 1);
        for (int i = 0; i < 8; i++) {
            server.enqueue(i % 2 == 0 ? json(200, fullAnswer("Caption " + i, 1, 1)) : streamOf("Caption", " " + i));
        }

        for (int i = 0; i < 8; i++) {
            String text = i % 2 == 0 ? generator.generate(REQUEST).text() : generator.stream(REQUEST, d -> { }).text();
            assertThat(text).isEqualTo("Caption " + i);
        }

        int lastConnection = -1;
        for (int i = 0; i < 8; i++) {
            lastConnection = server.takeRequest().getConnectionIndex();
        }
        assertThat(lastConnection).as("every call reused the first connection").isZero();
    }

    // --- errors and retries ----------------------------------------------------------------------------------------

    @Test
    void aClientErrorIsABackendErrorWithTheBackendsMessageAndIsNotRetried() {
        server.enqueue(json(400, errorBody("Invalid image data")));
        server.enqueue(json(200, fullAnswer("never asked for", 1, 1)));

        var e = catchThrowableOfType(CaptionBackendException.class, () -> generator().generate(REQUEST));

        assertThat(e.kind()).isEqualTo(Kind.BACKEND_ERROR);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.backendMessage()).isEqualTo("Invalid image data");
        assertThat(e.getMessage()).contains("400", "Invalid image data");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void tooManyRequestsIsRetriedAfterTheRetryAfterHeader() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1")
                .setHeader("Content-Type", "application/json").body(errorBody("Rate limit reached")).build());
        server.enqueue(json(200, fullAnswer("A red rectangle.", 10, 4)));
        long start = System.nanoTime();

        GeneratedCaption caption = generator().generate(REQUEST);

        assertThat(caption.text()).isEqualTo("A red rectangle.");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aServerErrorIsRetried() {
        server.enqueue(json(500, errorBody("internal error")));
        server.enqueue(json(200, fullAnswer("A red rectangle.", 10, 4)));

        assertThat(generator().generate(REQUEST).text()).isEqualTo("A red rectangle.");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aStreamIsRetriedWhileNoTextHasBeenSent() {
        server.enqueue(json(503, errorBody("loading model")));
        server.enqueue(streamOf("A", " red", " rectangle."));
        List<String> pieces = new CopyOnWriteArrayList<>();

        GeneratedCaption caption = generator().stream(REQUEST, pieces::add);

        assertThat(pieces).containsExactly("A", " red", " rectangle.");
        assertThat(caption.text()).isEqualTo("A red rectangle.");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void serverErrorsGiveUpAfterTheLastAttemptWithTheLastMessage() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(json(502, errorBody("upstream gone " + i)));
        }

        var e = catchThrowableOfType(CaptionBackendException.class, () -> generator().generate(REQUEST));

        assertThat(e.kind()).isEqualTo(Kind.BACKEND_ERROR);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.backendMessage()).isEqualTo("upstream gone 2");
        assertThat(server.getRequestCount()).isEqualTo(FAST_RETRIES.maxAttempts());
    }

    @Test
    void aRetryAfterBeyondTheDeadlineGivesUpAtOnce() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600")
                .setHeader("Content-Type", "application/json").body(errorBody("quota exceeded")).build());
        long start = System.nanoTime();

        var e = catchThrowableOfType(CaptionBackendException.class, () -> generator().generate(REQUEST));

        assertThat(e.kind()).isEqualTo(Kind.BACKEND_ERROR);
        assertThat(e.backendMessage()).isEqualTo("quota exceeded");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
    }

    @Test
    void anErrorInsideAStreamIsABackendErrorAfterTheTextSoFar() {
        server.enqueue(stream(out -> {
            out.send(streamPiece("A"));
            out.send(streamError("out of memory"));
        }));
        List<String> pieces = new CopyOnWriteArrayList<>();

        var e = catchThrowableOfType(CaptionBackendException.class, () -> generator().stream(REQUEST, pieces::add));

        assertThat(e.kind()).isEqualTo(Kind.BACKEND_ERROR);
        assertThat(e.backendMessage()).isEqualTo("out of memory");
        assertThat(pieces).containsExactly("A");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    // --- timeouts and unreachable backends -------------------------------------------------------------------------

    @Test
    void aSlowBackendTimesOutWithinTheConfiguredTime() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                release.await(20, TimeUnit.SECONDS);
                return json(200, fullAnswer("too late", 1, 1));
            }
        });
        var timeouts = new CaptionTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        long start = System.nanoTime();

        var e = catchThrowableOfType(CaptionBackendException.class, () -> generator(timeouts, 2).generate(REQUEST));

        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(ms).isBetween(900L, 2500L);
    }

    @Test
    void aStreamThatStallsTimesOut() {
        server.enqueue(stream(out -> {
            out.send(streamPiece("A"));
            release.await(20, TimeUnit.SECONDS);
        }));
        var timeouts = new CaptionTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofMillis(400));
        List<String> pieces = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        var e = catchThrowableOfType(CaptionBackendException.class,
                () -> generator(timeouts, 2).stream(REQUEST, pieces::add));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("stopped sending");
        assertThat(pieces).containsExactly("A");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
    }

    @Test
    void aBackendThatIsNotListeningIsUnreachableAtOnce() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CaptionGenerator generator = generator("http://127.0.0.1:" + port + basePath(),
                new BackendClient("test", TIMEOUTS, 2, FAST_RETRIES));
        long start = System.nanoTime();

        var generated = catchThrowableOfType(CaptionBackendException.class, () -> generator.generate(REQUEST));
        var streamed = catchThrowableOfType(CaptionBackendException.class, () -> generator.stream(REQUEST, d -> { }));

        assertThat(generated.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(generated.getMessage()).contains("127.0.0.1:" + port);
        assertThat(streamed.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1500);
    }

    // --- cancellation ----------------------------------------------------------------------------------------------

    /** A stream that keeps sending until the client closes the connection, then counts down {@code closed}. */
    MockResponse endlessStream(CountDownLatch closed) {
        return stream(out -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try {
                while (System.nanoTime() < until) {
                    out.send(streamPiece(" more"));
                    Thread.sleep(20);
                }
            } catch (IOException clientWentAway) {
                closed.countDown();
                throw clientWentAway;
            }
        });
    }

    @Test
    void aSinkThatThrowsStopsGenerationAndClosesTheConnection() throws InterruptedException {
        var closed = new CountDownLatch(1);
        server.enqueue(endlessStream(closed));
        var gone = new IllegalStateException("client went away");
        var calls = new AtomicInteger();

        assertThatThrownBy(() -> generator().stream(REQUEST, delta -> {
            if (calls.incrementAndGet() == 2) {
                throw gone;
            }
        })).isSameAs(gone);

        assertThat(closed.await(3, TimeUnit.SECONDS)).as("the server saw the connection closed").isTrue();
        assertThat(calls).hasValue(2);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void interruptingTheCallingThreadCancelsTheRequest() throws Exception {
        var closed = new CountDownLatch(1);
        server.enqueue(endlessStream(closed));
        var firstPiece = new CountDownLatch(1);
        var outcome = new AtomicReference<Throwable>();
        var stillInterrupted = new AtomicBoolean();
        CaptionGenerator generator = generator();
        Thread worker = Thread.ofVirtual().start(() -> {
            try {
                generator.stream(REQUEST, delta -> firstPiece.countDown());
            } catch (Throwable t) {
                outcome.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });

        assertThat(firstPiece.await(5, TimeUnit.SECONDS)).isTrue();
        worker.interrupt();
        worker.join(3000);

        assertThat(outcome.get()).isInstanceOf(CancellationException.class);
        assertThat(stillInterrupted).isTrue();
        assertThat(closed.await(3, TimeUnit.SECONDS)).as("the server saw the connection closed").isTrue();
    }

    // --- concurrency -----------------------------------------------------------------------------------------------

    @Test
    void noMoreThanTheConcurrencyLimitReachTheBackendAtOnce() throws Exception {
        var inFlight = new AtomicInteger();
        var most = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Thread.sleep(150);
                inFlight.decrementAndGet();
                return json(200, fullAnswer("A red rectangle.", 1, 1));
            }
        });
        CaptionGenerator generator = generator(TIMEOUTS, 2);

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<GeneratedCaption>> results = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> generator.generate(REQUEST)));
            }
            for (Future<GeneratedCaption> f : results) {
                assertThat(f.get().text()).isEqualTo("A red rectangle.");
            }
        }
        assertThat(most.get()).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(6);
    }

    @Test
    void waitingForAFreeSlotCountsAgainstTheTimeout() throws Exception {
        server.enqueue(stream(out -> {
            out.send(streamPiece("A"));
            release.await(20, TimeUnit.SECONDS);
        }));
        var timeouts = new CaptionTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        CaptionGenerator generator = generator(timeouts, 1);
        var holding = new CountDownLatch(1);
        var letGo = new CountDownLatch(1);
        Thread first = Thread.ofVirtual().start(() -> {
            try {
                generator.stream(REQUEST, delta -> {
                    holding.countDown();
                    try {
                        letGo.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (RuntimeException expected) {
                // it is cut off by the test
            }
        });
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();

        var e = catchThrowableOfType(CaptionBackendException.class, () -> generator.generate(REQUEST));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("CAPTION_CONCURRENCY");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(900L, 2500L);
        assertThat(server.getRequestCount()).isEqualTo(1);
        letGo.countDown();
        first.join(3000);
    }
}
