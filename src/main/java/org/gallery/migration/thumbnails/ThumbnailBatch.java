package org.gallery.migration.thumbnails;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.gallery.migration.StepProgress;
import org.gallery.thumbnail.ThumbnailService;

/** Makes the thumbnails of many images with a few workers; one image's failure is recorded and the rest go on. */
public final class ThumbnailBatch {

    private static final int LISTED_FAILURES = 50;

    public record Summary(long total, long made, long skipped, long failed, Map<String, String> failures) {
    }

    private ThumbnailBatch() {
    }

    public static Summary run(ThumbnailService thumbnails, List<UUID> ids, boolean force, int workers, int batchSize,
            StepProgress progress) throws Exception {
        AtomicLong made = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<String, String> failures = Collections.synchronizedMap(new LinkedHashMap<>());
        progress.start("thumbnails", ids.size(), "images");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int from = 0; from < ids.size(); from += batchSize) {
                List<UUID> batch = ids.subList(from, Math.min(ids.size(), from + batchSize));
                tasks.add(pool.submit(() -> {
                    for (UUID id : batch) {
                        try {
                            if (!force && thumbnails.complete(id)) {
                                skipped.incrementAndGet();
                            } else {
                                thumbnails.generate(id, force);
                                made.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                            if (failures.size() < LISTED_FAILURES) {
                                failures.put(id.toString(), e.getMessage());
                            }
                            progress.note("image " + id + ": " + e.getMessage());
                        }
                        progress.step(1);
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }
        progress.finish(made.get() + " made, " + skipped.get() + " already there, " + failed.get() + " failed");
        return new Summary(ids.size(), made.get(), skipped.get(), failed.get(), failures);
    }
}
