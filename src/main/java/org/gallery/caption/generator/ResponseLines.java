package org.gallery.caption.generator;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP exchange whose response arrives as events the calling thread waits for with a time limit: the status and
 * headers, then each line of the body as soon as its line break arrives, then the end or a failure.
 *
 * <p>The calling thread never blocks inside the HTTP client, so a timeout, an interrupt or an exception thrown while
 * handling a line always gets control back, and {@link #cancel()} then aborts the exchange (before the headers, by
 * cancelling the request; after them, by cancelling the body subscription, which closes the HTTP/1.1 connection).
 */
final class ResponseLines implements Flow.Subscriber<String> {

    sealed interface Event permits Head, Line, End, Failed {
    }

    record Head(int status, HttpHeaders headers) implements Event {
    }

    record Line(String text) implements Event {
    }

    record End() implements Event {
    }

    record Failed(Throwable error) implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile Flow.@Nullable Subscription subscription;
    private volatile boolean cancelled;
    private volatile boolean finished;
    private @Nullable CompletableFuture<HttpResponse<Void>> response;

    private ResponseLines() {
    }

    static ResponseLines send(HttpClient http, HttpRequest request) {
        ResponseLines lines = new ResponseLines();
        lines.response = http.sendAsync(request, info -> {
            lines.events.add(new Head(info.statusCode(), info.headers()));
            return BodySubscribers.fromLineSubscriber(lines);
        });
        lines.response.whenComplete((ignored, error) -> {
            lines.finished = true;
            if (error != null) {
                lines.events.add(new Failed(error));
            }
        });
        return lines;
    }

    /** The next event, or null if none came within {@code wait}. */
    @Nullable Event next(Duration wait) throws InterruptedException {
        Event event = events.poll(Math.max(wait.toNanos(), 0), TimeUnit.NANOSECONDS);
        Flow.Subscription s = subscription;
        if (event instanceof Line && s != null && !cancelled) {
            s.request(1);
        }
        return event;
    }

    /**
     * Aborts the exchange if it is still running, and does nothing once the body has ended. Once the body is being
     * read only the body subscription is cancelled: cancelling the response future too could close a connection the
     * client has already put back in its pool for the next request.
     */
    void cancel() {
        cancelled = true;
        if (finished) {
            return;
        }
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        } else if (response != null) {
            response.cancel(true);
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(String line) {
        events.add(new Line(line));
    }

    @Override
    public void onError(Throwable error) {
        finished = true;
        events.add(new Failed(error));
    }

    @Override
    public void onComplete() {
        finished = true;
        events.add(new End());
    }
}
