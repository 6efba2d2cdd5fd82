package org.gallery.imaging;

import java.util.Locale;
import java.util.function.Supplier;
import org.gallery.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the imaging engine from {@code IMAGE_ENGINE}: {@code auto} (default), {@code vips} or {@code java}. */
@Configuration(proxyBeanMethods = false)
public class ImagingEngines {

    private static final Logger log = LoggerFactory.getLogger(ImagingEngines.class);

    @Bean
    ImagingEngine imagingEngine(Settings settings) {
        ImagingEngine engine = select(settings.imaging().engine());
        log.info("Imaging engine: {} ({})", engine.id(), engine.version());
        return engine;
    }

    /**
     * {@code vips} fails fast when libvips cannot be loaded; {@code auto} falls back to the pure-Java engine and
     * says once how to get the faster one.
     */
    public static ImagingEngine select(String setting) {
        return select(setting, VipsEngine::new);
    }

    static ImagingEngine select(String setting, Supplier<ImagingEngine> libvips) {
        String choice = setting == null || setting.isBlank() ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "java" -> new JavaEngine();
            case "vips" -> {
                ImagingEngine vips = libvips.get();
                if (vips.initializationError() != null) {
                    throw new IllegalStateException("IMAGE_ENGINE=vips, but " + vips.initializationError());
                }
                yield vips;
            }
            case "auto" -> {
                ImagingEngine vips = libvips.get();
                if (vips.initializationError() == null) {
                    yield vips;
                }
                log.warn("Using the pure-Java imaging engine, about 3x slower for thumbnails: {}",
                        vips.initializationError());
                yield new JavaEngine();
            }
            default -> throw new IllegalArgumentException(
                    "IMAGE_ENGINE must be auto, vips or java, got '" + setting + "'");
        };
    }
}
