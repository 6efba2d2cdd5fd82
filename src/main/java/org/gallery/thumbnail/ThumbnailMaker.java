package org.gallery.thumbnail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.gallery.config.Settings;
import org.gallery.image.ImageDeleted;
import org.gallery.image.NewImageHook;
import org.gallery.imaging.ImageRejectedException;
import org.gallery.imaging.ImagingEngine;
import org.gallery.imaging.PixelHash;
import org.gallery.imaging.Thumbnails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes all three sizes from one decode: when an image arrives (which also proves that every pixel decodes) and
 * again when one is missing. Concurrent requests for the same image wait for one generation.
 */
@Component
class ThumbnailMaker implements NewImageHook {

    private static final Logger log = LoggerFactory.getLogger(ThumbnailMaker.class);

    private final ImagingEngine engine;
    private final ThumbnailStore store;
    private final ThumbnailEvictions evictions;
    private final Settings.Imaging imaging;
    private final ApplicationEventPublisher events;
    /** One generation per image and mode: a strict run must not pass because it joined a lenient one. */
    private record Flight(UUID imageId, boolean showDamaged) {
    }

    private final Map<Flight, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong();

    ThumbnailMaker(ImagingEngine engine, ThumbnailStore store, ThumbnailEvictions evictions, Settings settings,
            io.micrometer.core.instrument.MeterRegistry meters, ApplicationEventPublisher events) {
        this.events = events;
        io.micrometer.core.instrument.Gauge.builder("gallery.thumbnail.generations", generations, AtomicLong::get)
                .description("Times thumbnails were made (all sizes from one decode) since start-up")
                .register(meters);
        this.engine = engine;
        this.store = store;
        this.evictions = evictions;
        this.imaging = settings.imaging();
    }

    /** Makes the thumbnails of an image; {@code force} remakes existing ones. A file cut short is refused. */
    void generate(UUID imageId, Path original, boolean force) {
        generate(imageId, original, force, false);
    }

    /**
     * For a thumbnail someone is looking at: a stored original cut short (taken in by a migration, or damaged on
     * disk since) still shows what can be decoded, as a browser shows a partly loaded photo.
     */
    void generateForViewing(UUID imageId, Path original) {
        generate(imageId, original, false, true);
    }

    private void generate(UUID imageId, Path original, boolean force, boolean showDamaged) {
        if (!force && store.complete(imageId)) {
            return;
        }
        var flight = new Flight(imageId, showDamaged);
        var mine = new CompletableFuture<Void>();
        var running = inFlight.putIfAbsent(flight, mine);
        if (running != null) {
            try {
                running.join();
                return;
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            // a flight that ended between the first look and this one has made them already
            if (force || !store.complete(imageId)) {
                write(imageId, original, showDamaged);
            }
            mine.complete(null);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(flight, mine);
        }
    }

    private void write(UUID imageId, Path original, boolean showDamaged) {
        List<Integer> edges = new ArrayList<>();
        for (ThumbnailSize size : ThumbnailSize.values()) {
            edges.add(size.longEdge(imaging));
        }
        Map<Integer, byte[]> made;
        PixelHash hash = null;
        boolean damaged = false;
        try {
            Thumbnails thumbnails = engine.thumbnails(original, edges, imaging.thumbnailQuality());
            made = thumbnails.jpegs();
            hash = thumbnails.hash();
        } catch (ImageRejectedException e) {
            if (!showDamaged || e.reason() != ImageRejectedException.Reason.CORRUPT) {
                throw e;
            }
            log.warn("Image {} is damaged ({}); its thumbnails show what can be decoded", imageId, e.getMessage());
            made = new LinkedHashMap<>();
            for (int edge : edges) {
                made.put(edge, engine.render(original, null, edge, imaging.thumbnailQuality()));
            }
            damaged = true;
        }
        generations.incrementAndGet();
        if (damaged) {
            // marked first: thumbnails of a damaged original must never look like a finished set, even after a crash
            store.markDamaged(imageId, true);
        }
        for (ThumbnailSize size : ThumbnailSize.values()) {
            store.write(imageId, size, made.get(size.longEdge(imaging)));
        }
        if (!damaged) {
            store.markDamaged(imageId, false);
        }
        evictions.changed(imageId);
        if (hash != null) {
            // a damaged original gets no hash: grey where data is missing would group unrelated damaged files
            events.publishEvent(new ThumbnailsMade(imageId, hash));
        }
    }

    long generations() {
        return generations.get();
    }

    @Override
    public void beforeCommit(UUID imageId, Path original) {
        // the engine decodes every pixel and refuses a file cut short: a broken file never becomes an image
        generate(imageId, original, true);
    }

    @Override
    public void discarded(UUID imageId) {
        store.deleteAll(imageId);
        evictions.changed(imageId);
    }

    @EventListener
    void on(ImageDeleted event) {
        discarded(event.imageId());
    }
}
