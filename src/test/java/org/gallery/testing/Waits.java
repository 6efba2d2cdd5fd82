package org.gallery.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds, failing with the last value seen; no fixed sleeps in tests. */
public final class Waits {

    private Waits() {
    }

    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still waiting after " + timeout + "; last seen: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }

    /** Waits for a job (via the API) to reach one of the given statuses, and returns its JSON. */
    public static tools.jackson.databind.JsonNode job(Api api, String path, Duration timeout, String... statuses) {
        var wanted = java.util.Set.of(statuses);
        return until(timeout, () -> api.get(path).json(), j -> wanted.contains(j.path("status").asString()));
    }
}
