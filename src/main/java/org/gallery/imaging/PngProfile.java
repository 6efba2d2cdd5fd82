package org.gallery.imaging;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The ICC profile of a PNG (its iCCP chunk), which the JDK's PNG reader leaves out of the decoded image: a photo
 * saved in Display P3 or Adobe RGB would otherwise come out dull. Only the chunks before the image data are read.
 */
final class PngProfile {

    /** Profiles are a few kilobytes; anything claiming more than this is not worth inflating. */
    private static final int MAX_PROFILE = 4 << 20;

    private PngProfile() {
    }

    /** The profile, or null when there is none or it cannot be read (then the pixels are taken as sRGB). */
    static byte[] read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            in.skipNBytes(8);
            while (true) {
                int length = in.readInt();
                String type = new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
                if (length < 0 || type.equals("IDAT") || type.equals("IEND")) {
                    return null;
                }
                if (type.equals("iCCP")) {
                    return length > MAX_PROFILE ? null : profile(in.readNBytes(length));
                }
                in.skipNBytes(length + 4L);
            }
        } catch (IOException | DataFormatException unreadable) {
            // a damaged profile is ignored, as browsers ignore it; damaged pixels are the decoder's to report
            return null;
        }
    }

    /** The chunk holds a name, a NUL, the compression method (0: zlib) and the deflated profile. */
    private static byte[] profile(byte[] chunk) throws DataFormatException {
        int nul = 0;
        while (nul < chunk.length && chunk[nul] != 0) {
            nul++;
        }
        if (nul + 2 > chunk.length || chunk[nul + 1] != 0) {
            return null;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(chunk, nul + 2, chunk.length - nul - 2);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished() && out.size() <= MAX_PROFILE) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
            return inflater.finished() ? out.toByteArray() : null;
        } finally {
            inflater.end();
        }
    }
}
