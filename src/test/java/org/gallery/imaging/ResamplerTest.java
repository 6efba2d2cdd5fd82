package org.gallery.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    @ParameterizedTest(name = "{0}x{0} to {1}x{1}")
    @CsvSource({"1000, 300", "1000, 500", "1000, 700", "999, 128"})
    void fineDetailAveragesInsteadOfAliasing(int size, int target) {
        // A one-pixel black and white checkerboard: point sampling would return pure black or white patterns.
        BufferedImage checker = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                checker.setRGB(x, y, ((x + y) & 1) == 0 ? 0xFFFFFF : 0);
            }
        }

        BufferedImage out = Resampler.scale(checker, target, target);

        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(out.getWidth()).isEqualTo(target);
        assertThat(out.getHeight()).isEqualTo(target);
        for (int y = 2; y < target - 2; y += 7) {
            for (int x = 2; x < target - 2; x += 7) {
                assertThat(out.getRGB(x, y) & 0xFF).as("pixel %d,%d", x, y).isBetween(100, 155);
            }
        }
    }

    @Test
    void sizesFitTheBoxAndNeverReachZero() {
        assertThat(Fit.within(20000, 300, 1024)).containsExactly(1024, 15);
        assertThat(Fit.within(300, 20000, 256)).containsExactly(4, 256);
        assertThat(Fit.within(100000, 1, 256)).containsExactly(256, 1);
        assertThat(Fit.within(300, 200, 1024)).containsExactly(300, 200);
        assertThat(Fit.within(1200, 800, 512)).containsExactly(512, 341);
        assertThat(Fit.within(800, 800, 256)).containsExactly(256, 256);
    }
}
