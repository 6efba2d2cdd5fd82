package org.gallery.imaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Decides whether an embedded ICC profile describes sRGB. Converting every image through its profile costs time
 * (libvips: about a quarter more per image), and most cameras and phones embed an sRGB profile, so the engines
 * convert only when this says the pixels are in another space.
 */
public final class IccProfiles {

    // sRGB primaries adapted to D50, as every sRGB matrix profile stores them (IEC 61966-2-1 via Bradford).
    private static final double[][] SRGB_COLORANTS = {
        {0.4361, 0.2225, 0.0139},
        {0.3851, 0.7169, 0.0971},
        {0.1431, 0.0606, 0.7141},
    };
    // Vendors round the primaries differently (HP, Apple, lcms, Android differ in the third decimal).
    private static final double COLORANT_TOLERANCE = 0.006;

    private IccProfiles() {
    }

    /**
     * True when pixels tagged with this profile must be converted to become sRGB: RGB profiles other than sRGB,
     * CMYK and other colour spaces. Grey profiles are left alone: a grey image is shown as sRGB grey either way,
     * and an unreadable profile is ignored the way browsers ignore it.
     */
    public static boolean needsConversion(byte[] icc) {
        Profile profile = Profile.parse(icc);
        if (profile == null) {
            return false;
        }
        try {
            return switch (profile.colourSpace) {
                case "GRAY" -> false;
                case "RGB " -> !profile.isSrgb();
                default -> true;
            };
        } catch (RuntimeException unreadableTag) {
            // a tag that claims more bytes than the profile holds, or a negative length: unreadable, so ignored
            return false;
        }
    }

    /** The profile's colour space signature ("RGB ", "CMYK", "GRAY", ...), or null when unreadable. */
    public static String colourSpace(byte[] icc) {
        Profile profile = Profile.parse(icc);
        return profile == null ? null : profile.colourSpace;
    }

    private record Profile(ByteBuffer data, String colourSpace) {

        static Profile parse(byte[] icc) {
            if (icc == null || icc.length < 132) {
                return null;
            }
            ByteBuffer data = ByteBuffer.wrap(icc);
            if (!ascii(data, 36, 4).equals("acsp")) {
                return null;
            }
            return new Profile(data, ascii(data, 16, 4));
        }

        boolean isSrgb() {
            double[] r = xyz("rXYZ");
            double[] g = xyz("gXYZ");
            double[] b = xyz("bXYZ");
            if (r == null || g == null || b == null) {
                // A table-based RGB profile: only its name can tell.
                String description = description();
                return description != null && description.toLowerCase().contains("srgb");
            }
            return close(r, SRGB_COLORANTS[0]) && close(g, SRGB_COLORANTS[1]) && close(b, SRGB_COLORANTS[2])
                    && srgbLikeCurve("rTRC") && srgbLikeCurve("gTRC") && srgbLikeCurve("bTRC");
        }

        private static boolean close(double[] a, double[] b) {
            for (int i = 0; i < 3; i++) {
                if (Math.abs(a[i] - b[i]) > COLORANT_TOLERANCE) {
                    return false;
                }
            }
            return true;
        }

        /** sRGB primaries with a linear or gamma-1.8 curve are a different space (linear sRGB, for one). */
        private boolean srgbLikeCurve(String signature) {
            int at = tag(signature);
            if (at < 0) {
                return false;
            }
            String type = ascii(data, at, 4);
            if (type.equals("curv")) {
                int count = data.getInt(at + 8);
                if (count == 0) {
                    return false;
                }
                if (count == 1) {
                    double gamma = (data.getShort(at + 12) & 0xFFFF) / 256.0;
                    return gamma > 2.0 && gamma < 2.5;
                }
                // Mid-grey through the sRGB curve is 0.214; gamma 2.2 gives 0.218, linear 0.5, gamma 1.8 0.287.
                double mid = (data.getShort(at + 12 + 2 * (count / 2)) & 0xFFFF) / 65535.0;
                return mid > 0.18 && mid < 0.25;
            }
            if (type.equals("para")) {
                double gamma = data.getInt(at + 12) / 65536.0;
                return gamma > 2.0 && gamma < 2.5;
            }
            return false;
        }

        private double[] xyz(String signature) {
            int at = tag(signature);
            if (at < 0 || !ascii(data, at, 4).equals("XYZ ") || at + 20 > data.limit()) {
                return null;
            }
            return new double[] {
                data.getInt(at + 8) / 65536.0, data.getInt(at + 12) / 65536.0, data.getInt(at + 16) / 65536.0
            };
        }

        private String description() {
            int at = tag("desc");
            if (at < 0) {
                return null;
            }
            String type = ascii(data, at, 4);
            if (type.equals("desc")) {
                int length = data.getInt(at + 8);
                return ascii(data, at + 12, Math.max(0, Math.min(length, data.limit() - at - 12)));
            }
            if (type.equals("mluc") && at + 28 <= data.limit()) {
                int length = data.getInt(at + 20);
                int offset = data.getInt(at + 24);
                long from = (long) at + offset;
                if (length >= 0 && offset >= 0 && from + length <= data.limit()) {
                    byte[] utf16 = new byte[length];
                    data.get((int) from, utf16);
                    return new String(utf16, StandardCharsets.UTF_16BE);
                }
            }
            return null;
        }

        /** Offset of a tag's data, or -1 when the profile lacks it or the table points outside the data. */
        private int tag(String signature) {
            int count = data.getInt(128);
            for (int i = 0; i < count && 132 + 12 * i + 12 <= data.limit(); i++) {
                int entry = 132 + 12 * i;
                if (ascii(data, entry, 4).equals(signature)) {
                    int offset = data.getInt(entry + 4);
                    int size = data.getInt(entry + 8);
                    return offset >= 0 && size >= 12 && (long) offset + size <= data.limit() ? offset : -1;
                }
            }
            return -1;
        }

        private static String ascii(ByteBuffer data, int offset, int length) {
            if (offset < 0 || offset + length > data.limit()) {
                return "";
            }
            byte[] bytes = new byte[length];
            data.get(offset, bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1).replace("\0", "");
        }
    }
}
