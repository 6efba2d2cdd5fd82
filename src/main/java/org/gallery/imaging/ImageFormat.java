package org.gallery.imaging;

import java.util.Arrays;

/** Image formats Gallery recognises, decided from the first bytes of the file, never from its name. */
public enum ImageFormat {
    JPEG("image/jpeg", ".jpg"),
    PNG("image/png", ".png"),
    GIF("image/gif", ".gif"),
    WEBP("image/webp", ".webp"),
    TIFF("image/tiff", ".tif"),
    BMP("image/bmp", ".bmp"),
    HEIC("image/heic", ".heic"),
    AVIF("image/avif", ".avif");

    private final String mimeType;
    private final String extension;

    ImageFormat(String mimeType, String extension) {
        this.mimeType = mimeType;
        this.extension = extension;
    }

    public String mimeType() {
        return mimeType;
    }

    /** The file extension, with its dot. */
    public String extension() {
        return extension;
    }

    /** The format whose signature starts {@code head}, or null. */
    public static ImageFormat sniff(byte[] head) {
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(head, 'G', 'I', 'F', '8')) {
            return GIF;
        }
        if (startsWith(head, 'R', 'I', 'F', 'F') && head.length >= 12 && ascii(head, 8, 4).equals("WEBP")) {
            return WEBP;
        }
        if (startsWith(head, 'I', 'I', 0x2A, 0x00) || startsWith(head, 'M', 'M', 0x00, 0x2A)) {
            return TIFF;
        }
        if (startsWith(head, 'B', 'M') && head.length >= 26) {
            return BMP;
        }
        if (head.length >= 12 && ascii(head, 4, 4).equals("ftyp")) {
            String brand = ascii(head, 8, 4);
            if (brand.equals("avif") || brand.equals("avis")) {
                return AVIF;
            }
            if (Arrays.asList("heic", "heix", "hevc", "hevx", "mif1", "msf1", "heim", "heis").contains(brand)) {
                return HEIC;
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int... signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
