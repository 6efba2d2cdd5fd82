package org.gallery.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.gallery.testing.Api;

/** What {@link SoakLoad} prints at the end: requests by kind, the answers that should not happen, and what survived. */
final class SoakReport {

    /** A window in which the script made PostgreSQL or Redis unreachable; answers shortly after it count as in it. */
    record Outage(String name, long startMillis, long endMillis) {

        /** The service notices a server is back on its next connection attempt: a few seconds of grace. */
        private static final long RECOVERY_MILLIS = 15_000;

        boolean covers(long epochMillis) {
            return epochMillis >= startMillis && epochMillis <= endMillis + RECOVERY_MILLIS;
        }

        static List<Outage> read(Path file) {
            if (!Files.exists(file)) {
                return List.of();
            }
            try {
                return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty())
                        .map(l -> l.split("\\s+"))
                        .map(f -> new Outage(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]))).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Map<?, AtomicLongArray> counts;
    private final Map<?, AtomicLong> slowestMillis;
    private final List<SoakLoad.Failure> failures;
    private final List<Outage> outages;
    private final int hungClients;

    SoakReport(Map<?, AtomicLongArray> counts, Map<?, AtomicLong> slowestMillis, List<SoakLoad.Failure> failures,
            List<Outage> outages, int hungClients) {
        this.counts = counts;
        this.slowestMillis = slowestMillis;
        this.failures = failures;
        this.outages = outages;
        this.hungClients = hungClients;
    }

    void print(Duration ran) {
        long total = 0;
        System.out.printf("%-13s %9s %9s %9s %7s %10s%n", "kind", "requests", "2xx", "4xx", "other", "slowest ms");
        for (var e : new TreeMap<>(counts).entrySet()) {
            AtomicLongArray c = e.getValue();
            long n = c.get(0) + c.get(1) + c.get(2);
            total += n;
            System.out.printf("%-13s %9d %9d %9d %7d %10d%n", e.getKey().toString().toLowerCase(), n, c.get(0), c.get(1),
                    c.get(2), slowestMillis.get(e.getKey()).get());
        }
        List<SoakLoad.Failure> duringOutage = failures.stream().filter(this::inOutage).toList();
        List<SoakLoad.Failure> others = failures.stream().filter(f -> !inOutage(f)).toList();
        System.out.printf("total requests %d in %d s (%.0f/s); answers neither 2xx nor 4xx: %d%n", total,
                ran.toSeconds(), total / (double) ran.toSeconds(), others.size());
        list(others);
        for (Outage o : outages) {
            List<SoakLoad.Failure> in = duringOutage.stream().filter(f -> o.covers(f.epochMillis())).toList();
            long problems = in.stream().filter(f -> f.status() == 503 && f.problemType() != null).count();
            System.out.printf("outage %s (%d s): %d answers neither 2xx nor 4xx, of them %d were 503 problem bodies%n",
                    o.name(), (o.endMillis() - o.startMillis()) / 1000, in.size(), problems);
            list(in.stream().filter(f -> f.status() != 503 || f.problemType() == null).toList());
        }
        System.out.println("clients with a request still unanswered a minute after the end (hung): " + hungClients);
    }

    /** Every image the clients uploaded and did not delete must still be there, with its thumbnail. */
    void printSurvivors(Api api, Collection<UUID> kept) {
        long missing = 0;
        long noThumbnail = 0;
        for (UUID id : kept) {
            missing += api.get("/api/v2/images/" + id).status() == 200 ? 0 : 1;
            noThumbnail += api.get("/api/v2/images/" + id + "/thumbnail/small").status() == 200 ? 0 : 1;
        }
        System.out.printf("images uploaded and not deleted: %d; missing now: %d; without a thumbnail: %d%n",
                kept.size(), missing, noThumbnail);
    }

    private boolean inOutage(SoakLoad.Failure f) {
        return outages.stream().anyMatch(o -> o.covers(f.epochMillis()));
    }

    private static void list(List<SoakLoad.Failure> some) {
        some.stream().limit(20).forEach(f -> System.out.printf("  %tT %s %d %s%n", f.epochMillis(), f.kind(),
                f.status(), f.text().length() > 160 ? f.text().substring(0, 160) : f.text()));
        if (some.size() > 20) {
            System.out.println("  ... and " + (some.size() - 20) + " more");
        }
    }
}
