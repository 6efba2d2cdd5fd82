package org.gallery.auth.bench;

import java.util.Locale;
import java.util.Map;
import org.gallery.auth.Authenticator;
import org.gallery.auth.Role;
import org.gallery.auth.TokenService;
import org.gallery.auth.UserService;
import org.gallery.testing.Db;
import org.gallery.testing.TestApp;

/**
 * What checking credentials costs a request (on demand, {@code bench/token_check.sh}): the remembered path every
 * request but one in a few seconds takes, and the database look-up behind it, on SQLite.
 */
public final class TokenCheckBenchmark {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        try (TestApp app = TestApp.startWith(Db.SQLITE, Map.of())) {
            Authenticator authenticator = app.context.getBean(Authenticator.class);
            var admin = app.context.getBean(UserService.class).byName("admin");
            String token = app.context.getBean(TokenService.class).create(admin.id(), Role.ADMIN, "bench", "read", null).token();
            String header = "Bearer " + token;
            for (int i = 0; i < 200_000; i++) {
                check(authenticator, header);
            }
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                check(authenticator, header);
            }
            double remembered = (System.nanoTime() - start) / (double) n;

            int misses = 2_000;
            String[] unknown = new String[misses];
            for (int i = 0; i < misses; i++) {
                unknown[i] = "Bearer gal_" + java.util.UUID.randomUUID() + "-unknown-token-padding";
            }
            start = System.nanoTime();
            for (String h : unknown) {
                authenticator.authenticate(h, null);
            }
            double lookedUp = (System.nanoTime() - start) / (double) misses;
            System.out.printf(Locale.ROOT, "token check, remembered: %.0f ns per request (%d checks)%n", remembered, n);
            System.out.printf(Locale.ROOT, "token check, database look-up (first use, or every %d s): %.0f us%n",
                    5, lookedUp / 1000);
        }
    }

    private static void check(Authenticator authenticator, String header) {
        if (authenticator.authenticate(header, null).isEmpty()) {
            throw new IllegalStateException("token refused");
        }
    }
}
