package org.gallery.shared;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Who is doing the current piece of work, for provenance (caption authors, uploads, the audit list). A request
 * runs as its signed-in user or token; the command-line tools, which act on the files and database directly, run
 * as {@link #CLI}.
 *
 * @param name the user's name, or {@code cli}
 * @param userId null for the command line
 * @param tokenId the API token the request came with, else null
 */
public record Actor(String name, UUID userId, UUID tokenId) {

    public static final Actor CLI = new Actor("cli", null, null);

    private static final ThreadLocal<Actor> CURRENT = new ThreadLocal<>();

    public static Actor current() {
        Actor actor = CURRENT.get();
        return actor == null ? CLI : actor;
    }

    /** Runs work as this actor, restoring the previous one afterwards (threads are reused). */
    public <T> T call(Supplier<T> work) {
        Actor before = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            CURRENT.set(before);
        }
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Binds this actor to the calling thread until {@link #clear()}; for servlet filters that wrap a chain. */
    public void bind() {
        CURRENT.set(this);
    }

    public static void clear() {
        CURRENT.remove();
    }
}
