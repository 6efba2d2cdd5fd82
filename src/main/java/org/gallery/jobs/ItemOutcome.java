package org.gallery.jobs;

/** What processing one item came to: done with an optional result, or failed with a reason. */
public record ItemOutcome(boolean succeeded, String result, String reason) {

    public static ItemOutcome done(String result) {
        return new ItemOutcome(true, result, null);
    }

    public static ItemOutcome done() {
        return done(null);
    }

    public static ItemOutcome failed(String reason) {
        return new ItemOutcome(false, null, reason == null || reason.isBlank() ? "failed" : reason);
    }
}
