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

    @Test
    void hostileDescriptionLengthsAreIgnoredNotFatal() {
        for (int length : new int[] {-1, 0x7FFFFFF0}) {
            // an RGB profile without colorants whose only tag, a 'desc' of type mluc, claims an impossible length
            java.nio.ByteBuffer p = java.nio.ByteBuffer.allocate(172);
            p.putInt(0, 172);
            p.put(12, "mntrRGB XYZ ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            p.put(36, "acsp".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            p.putInt(128, 1);
            p.put(132, "desc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(136, 144).putInt(140, 28);
            p.put(144, "mluc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            p.putInt(152, 1).putInt(156, 12).putInt(164, length).putInt(168, 28);

            org.assertj.core.api.Assertions.assertThatCode(() -> IccProfiles.needsConversion(p.array()))
                    .as("length " + length).doesNotThrowAnyException();
        }
    }
}
