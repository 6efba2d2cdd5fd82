package org.gallery.imaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * libvips' own count of the pixel buffers it holds, outside the Java heap and invisible to the JVM's memory pools:
 * without it a growing RSS cannot be told apart from a leak in Gallery. Registered only when libvips is in use.
 */
@Component
class NativeImagingMemory implements MeterBinder {

    private final ImagingEngine engine;

    NativeImagingMemory(ImagingEngine engine) {
        this.engine = engine;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!(engine instanceof VipsEngine) || engine.initializationError() != null) {
            return;
        }
        VipsLibrary vips = VipsLibrary.get();
        Gauge.builder("gallery.imaging.native.bytes", vips, v -> v.callLong("vips_tracked_get_mem"))
                .description("Bytes libvips holds for pixel buffers now").baseUnit("bytes").register(registry);
        Gauge.builder("gallery.imaging.native.peak.bytes", vips, v -> v.callLong("vips_tracked_get_mem_highwater"))
                .description("Most bytes libvips has held at once since start-up").baseUnit("bytes").register(registry);
        Gauge.builder("gallery.imaging.native.allocations", vips, v -> v.callInt("vips_tracked_get_allocs"))
                .description("Pixel buffers libvips holds now").register(registry);
    }
}
