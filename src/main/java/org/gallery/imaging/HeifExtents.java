package org.gallery.imaging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The largest stored image size a HEIC or AVIF file declares (its {@code ispe} properties). libheif reports the
 * size after the container's crop ({@code clap}), so a small declared crop could hide a huge stored image from the
 * pixel limit; the decoder would still decode the whole stored image.
 */
final class HeifExtents {

    /** The metadata of a HEIF file comes first and is small; nothing past this is read. */
    private static final int MAX_READ = 4 << 20;

    private HeifExtents() {
    }

    /** Width × height of the largest image the file stores, or -1 when the boxes cannot be read. */
    static long largestStoredPixels(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer data = ByteBuffer.allocate((int) Math.min(channel.size(), MAX_READ));
            while (data.hasRemaining() && channel.read(data) > 0) {
                // read on
            }
            data.flip();
            return largest(data, 0, data.limit(), 0);
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }

    /** Walks the boxes in [from, to): meta (a full box), iprp and ipco hold boxes; ispe holds a size. */
    private static long largest(ByteBuffer data, int from, int to, int depth) {
        long largest = 0;
        int at = from;
        while (depth < 8 && at + 8 <= to) {
            long size = Integer.toUnsignedLong(data.getInt(at));
            String type = new String(new byte[] {data.get(at + 4), data.get(at + 5), data.get(at + 6), data.get(at + 7)},
                    StandardCharsets.ISO_8859_1);
            int header = 8;
            if (size == 1 && at + 16 <= to) {
                size = data.getLong(at + 8);
                header = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < header || at + size > to) {
                size = to - at;
            }
            int body = at + header;
            int end = (int) (at + size);
            switch (type) {
                case "meta" -> largest = Math.max(largest, largest(data, body + 4, end, depth + 1));
                case "iprp", "ipco" -> largest = Math.max(largest, largest(data, body, end, depth + 1));
                case "ispe" -> {
                    if (body + 12 <= end) {
                        long width = Integer.toUnsignedLong(data.getInt(body + 4));
                        long height = Integer.toUnsignedLong(data.getInt(body + 8));
                        largest = Math.max(largest, width * height);
                    }
                }
                default -> {
                    // other boxes hold no sizes
                }
            }
            at = end;
        }
        return largest;
    }
}
