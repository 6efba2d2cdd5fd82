package org.gallery.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import org.junit.jupiter.api.Test;

class IccProfilesTest {

    private static byte[] jdk(int colourSpace) {
        return ICC_Profile.getInstance(colourSpace).getData();
    }

    @Test
    void srgbNeedsNoConversion() {
        assertThat(IccProfiles.needsConversion(jdk(ColorSpace.CS_sRGB))).isFalse();
    }

    @Test
    void anyProfileWithTheSrgbPrimariesAndCurveCountsAsSrgb() {
        byte[] renamed = IccProfileWriter.rgbMatrix("Camera RGB", new double[][] {
            {0.4361, 0.2225, 0.0139}, {0.3851, 0.7169, 0.0971}, {0.1431, 0.0606, 0.7141}
        }, 2.2);

        assertThat(IccProfiles.needsConversion(renamed)).isFalse();
    }

    @Test
    void otherRgbSpacesAreConverted() {
        assertThat(IccProfiles.needsConversion(IccProfileWriter.adobeRgb())).isTrue();
        assertThat(IccProfiles.needsConversion(jdk(ColorSpace.CS_LINEAR_RGB))).as("linear sRGB").isTrue();
    }

    @Test
    void cmykIsConverted() {
        byte[] cmyk = IccProfileWriter.cmykTable("Test CMYK", corner -> new double[] {50, 0, 0});

        assertThat(IccProfiles.colourSpace(cmyk)).isEqualTo("CMYK");
        assertThat(IccProfiles.needsConversion(cmyk)).isTrue();
    }

    @Test
    void greyAndUnreadableProfilesAreLeftAlone() {
        assertThat(IccProfiles.needsConversion(jdk(ColorSpace.CS_GRAY))).isFalse();
        assertThat(IccProfiles.needsConversion(new byte[] {1, 2, 3})).isFalse();
        assertThat(IccProfiles.needsConversion(new byte[300])).isFalse();
        assertThat(IccProfiles.needsConversion(null)).isFalse();
    }
}
