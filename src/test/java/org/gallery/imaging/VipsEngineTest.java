package org.gallery.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.BeforeAll;

/**
 * The contract on libvips. A machine without libvips fails these tests rather than skipping them silently; set
 * {@code GALLERY_SKIP_VIPS_TESTS=1} to skip them on purpose (e.g. on a developer machine without libvips).
 */
class VipsEngineTest extends ImagingEngineContractTest {

    @BeforeAll
    static void libvipsIsWanted() {
        assumeFalse("1".equals(System.getenv("GALLERY_SKIP_VIPS_TESTS")), "GALLERY_SKIP_VIPS_TESTS=1");
    }

    @Override
    protected ImagingEngine newEngine() {
        VipsEngine engine = new VipsEngine();
        assertThat(engine.initializationError()).as("libvips must load (GALLERY_SKIP_VIPS_TESTS=1 skips)").isNull();
        return engine;
    }
}
