package org.gallery.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import org.gallery.testing.Api;
import org.gallery.testing.TestImages;

/**
 * A steady mixed load on a running Gallery, run on demand by bench/soak.sh, not by the test suite: a few clients
 * upload small JPEGs, list pages, read metadata and thumbnails, save and now and then generate captions, delete
 * images and export a few. Prints requests by kind and every answer that is neither 2xx nor 4xx.
 *
 * <p>Arguments: base URL, minutes, clients, API token, and optionally a file where bench/soak.sh writes the outages
 * it causes ({@code name startEpochMillis endEpochMillis} lines): answers that are neither 2xx nor 4xx are then
 * split into those during an outage (expected to be 503 problem bodies) and the others (expected none).
 */
public final class SoakLoad {

    /** A kind of request and its share of the mix, in percent. */
    private enum Kind {
        UPLOAD(18), LIST(18), METADATA(16), THUMBNAIL(16), CAPTION_SAVE(16), DELETE(8), GENERATE(4), EXPORT(2), TAGS(2);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private static final int KEEP_AT_LEAST = 30;

    private final Api api;
    private final List<UUID> photosets = new ArrayList<>();
    private final List<UUID> images = new CopyOnWriteArrayList<>();
    private final Map<Kind, AtomicLongArray> counts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Failure> unexpected = new ConcurrentLinkedQueue<>();
    private final Map<Kind, java.util.concurrent.atomic.AtomicLong> slowest = new ConcurrentHashMap<>();

    /** An answer that is neither 2xx nor 4xx (status 0: no answer at all), and when it came. */
    record Failure(long epochMillis, Kind kind, int status, String problemType, String text) {
    }

    private SoakLoad(Api api) {
        this.api = api;
        for (Kind k : Kind.values()) {
            counts.put(k, new AtomicLongArray(3));
            slowest.put(k, new java.util.concurrent.atomic.AtomicLong());
        }
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:18200";
        double minutes = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        // every request carries an API token, as a real client's would
        Api server = new Api(base);
        SoakLoad load = new SoakLoad(args.length > 3 ? server.withToken(args[3]) : server);
        load.seed();
        long end = System.nanoTime() + (long) (minutes * 60e9);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().name("client-" + i).start(() -> {
                while (System.nanoTime() < end) {
                    load.once();
                }
            }));
        }
        int hung = 0;
        for (Thread t : threads) {
            // a request still unanswered a minute after the end is a hung request, not a slow one
            t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000 + 60_000));
            hung += t.isAlive() ? 1 : 0;
        }
        var outages = args.length > 4 ? SoakReport.Outage.read(java.nio.file.Path.of(args[4])) : List.<SoakReport.Outage>of();
        var report = new SoakReport(load.counts, load.slowest, List.copyOf(load.unexpected), outages, hung);
        report.print(Duration.ofNanos((long) (minutes * 60e9)));
        report.printSurvivors(load.api, load.images);
        System.exit(0);
    }

    private void seed() {
        for (int i = 0; i < 4; i++) {
            var r = api.post("/api/v2/photosets", Map.of("name", "soak " + i + " " + UUID.randomUUID()));
            if (r.status() != 201) {
                throw new IllegalStateException("cannot create a photoset: " + r);
            }
            photosets.add(r.id());
        }
        for (int i = 0; i < KEEP_AT_LEAST; i++) {
            upload();
        }
    }

    private void once() {
        Kind kind = pick();
        Api.Response r;
        long started = System.nanoTime();
        try {
            r = switch (kind) {
                case UPLOAD -> upload();
                case LIST -> api.get("/api/v2/images?limit=50&photoset_id=" + any(photosets)
                        + (random().nextBoolean() ? "&sort=filename" : ""));
                case METADATA -> api.get("/api/v2/images/" + any(images) + "/metadata");
                case THUMBNAIL -> api.get("/api/v2/images/" + any(images) + "/thumbnail/small");
                case CAPTION_SAVE -> api.post("/api/v2/images/" + any(images) + "/caption",
                        Map.of("caption", "a soak caption " + random().nextInt(1000)));
                case DELETE -> delete();
                case GENERATE -> api.post("/api/v2/images/" + any(images) + "/caption/generate", Map.of("generator", "dummy"));
                case EXPORT -> api.get("/api/v2/export?image_ids=" + any(images) + "," + any(images) + "," + any(images));
                case TAGS -> api.post("/api/v2/images/" + any(images) + "/tags", Map.of("tags", List.of("soak-" + random().nextInt(20))));
            };
        } catch (RuntimeException e) {
            counts.get(kind).incrementAndGet(2);
            unexpected.add(new Failure(System.currentTimeMillis(), kind, 0, null, e.toString()));
            return;
        } finally {
            slowest.get(kind).accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
        }
        int slot = r.status() / 100 == 2 ? 0 : r.status() / 100 == 4 ? 1 : 2;
        counts.get(kind).incrementAndGet(slot);
        if (slot == 2) {
            String contentType = r.header("Content-Type");
            String type = contentType != null && contentType.startsWith("application/problem+json")
                    ? r.json().path("type").asString() : null;
            unexpected.add(new Failure(System.currentTimeMillis(), kind, r.status(), type,
                    r.text().lines().findFirst().orElse("")));
        }
    }

    private Api.Response upload() {
        int w = 40 + random().nextInt(200);
        int h = 40 + random().nextInt(200);
        var r = api.upload("soak.jpg", TestImages.jpeg(w, h), Map.of("photoset_id", any(photosets)));
        if (r.status() == 201) {
            images.add(r.id());
        }
        return r;
    }

    private Api.Response delete() {
        if (images.size() <= KEEP_AT_LEAST) {
            return upload();
        }
        UUID id = any(images);
        var r = api.delete("/api/v2/images/" + id);
        images.remove(id);
        return r;
    }

    private Kind pick() {
        int roll = random().nextInt(100);
        for (Kind k : Kind.values()) {
            roll -= k.weight;
            if (roll < 0) {
                return k;
            }
        }
        return Kind.LIST;
    }

    private static <T> T any(List<T> from) {
        while (true) {
            try {
                return from.get(random().nextInt(from.size()));
            } catch (IndexOutOfBoundsException shrunk) {
                // another client removed one meanwhile
            }
        }
    }

    private static ThreadLocalRandom random() {
        return ThreadLocalRandom.current();
    }
}
