package org.gallery.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gallery.config.Settings;
import org.junit.jupiter.api.Test;

class ImagingEnginesTest {

    /** An engine whose library is missing, as {@link VipsEngine} reports it on a machine without libvips. */
    static final class MissingLibrary implements ImagingEngine {
        public String id() {
            return "vips";
        }

        public String version() {
            return "unavailable";
        }

        public String initializationError() {
            return "libvips not found: apt install libvips42";
        }

        public boolean supports(ImageFormat format) {
            return false;
        }

        public Thumbnails thumbnails(Path source, List<Integer> longEdges, int quality) {
            throw new IllegalStateException();
        }

        public byte[] render(Path source, CropRect crop, int maxLongEdge, int quality) {
            throw new IllegalStateException();
        }

        public CropRect smartCrop(Path source, int ratioW, int ratioH) {
            throw new IllegalStateException();
        }

        public int[] headerSize(Path source) {
            throw new IllegalStateException();
        }
    }

    @Test
    void javaIsAlwaysAvailable() {
        assertThat(ImagingEngines.select("java").id()).isEqualTo("java");
        assertThat(ImagingEngines.select(" Java ").id()).isEqualTo("java");
    }

    @Test
    void autoFallsBackToJavaWhenLibvipsIsMissing() {
        assertThat(ImagingEngines.select("auto", MissingLibrary::new).id()).isEqualTo("java");
        assertThat(ImagingEngines.select(null, MissingLibrary::new).id()).isEqualTo("java");
    }

    @Test
    void vipsFailsFastWhenLibvipsIsMissing() {
        assertThatThrownBy(() -> ImagingEngines.select("vips", MissingLibrary::new))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("IMAGE_ENGINE=vips")
                .hasMessageContaining("apt install libvips42");
    }

    @Test
    void autoPrefersLibvipsWhenItLoads() {
        String expected = new VipsEngine().initializationError() == null ? "vips" : "java";
        assertThat(ImagingEngines.select("auto").id()).isEqualTo(expected);
    }

    @Test
    void unknownNamesAreRefused() {
        assertThatThrownBy(() -> ImagingEngines.select("magick"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto, vips or java");
    }

    @Test
    void theBeanFollowsTheSetting() {
        Settings settings = org.gallery.config.SettingsLoader.load(java.util.Map.of("IMAGE_ENGINE", "java"),
                java.nio.file.Path.of("target"));

        assertThat(new ImagingEngines().imagingEngine(settings).id()).isEqualTo("java");
    }
}
