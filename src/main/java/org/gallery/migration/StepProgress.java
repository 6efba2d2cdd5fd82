package org.gallery.migration;

import java.io.PrintWriter;

/**
 * Progress of one migration step: a bar with counts, rate and ETA on a terminal ({@link BarProgress}), plain lines
 * every few seconds otherwise ({@link LineProgress}). Notes (warnings) are printed as they come on plain output and
 * below the bar once it is finished on a terminal, so they never garble it.
 */
public interface StepProgress extends AutoCloseable {

    /** Starts a phase of {@code total} units ({@code -1}: unknown). */
    void start(String task, long total, String unit);

    void step(long units);

    /** A short status shown beside the bar (e.g. images registered so far). */
    default void status(String text) {
    }

    void note(String line);

    /** Ends the current phase with a closing line. */
    void finish(String line);

    @Override
    void close();

    static StepProgress to(PrintWriter out, boolean terminal) {
        return terminal ? new BarProgress(out) : new LineProgress(out);
    }

    StepProgress NONE = new StepProgress() {
        @Override
        public void start(String task, long total, String unit) {
        }

        @Override
        public void step(long units) {
        }

        @Override
        public void note(String line) {
        }

        @Override
        public void finish(String line) {
        }

        @Override
        public void close() {
        }
    };
}
