package org.gallery.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a ZIP archive front to back onto any output stream (a file, an HTTP response), so nothing is staged.
 * Entries are stored with their size and CRC in the local header when known up front (files are read once for the
 * CRC, then copied), or deflated with a data descriptor. UTF-8 names; ZIP64 records are added only where a size,
 * an offset or the entry count needs them.
 *
 * <p>A writer can start at an offset with the central directory kept elsewhere: the export job records each
 * entry with its batch and, after a restart, truncates the file to the last committed offset and writes on.
 */
final class ZipWriter {

    static final int STORED = 0;
    static final int DEFLATED = 8;

    private static final long MAX32 = 0xFFFFFFFFL;
    private static final int MAX16 = 0xFFFF;
    private static final int FLAG_DESCRIPTOR = 0x0008;
    private static final int FLAG_UTF8 = 0x0800;
    private static final int BUFFER = 256 * 1024;
    private static final int UNIX_REGULAR_FILE = 0100644 << 16;

    /** A written entry: what the central directory needs to know of it. */
    record Entry(String name, int method, long crc, long compressedSize, long size, long offset, long dosTime,
            boolean descriptor) {
    }

    private final OutputStream out;
    private final List<Entry> kept;
    private final byte[] buffer = new byte[BUFFER];
    private long written;
    private long centralStart = -1;
    private long centralCount;

    /**
     * @param startOffset where {@code out} stands in the archive (0 for a new one)
     * @param keepEntries remember entries for {@link #finish()}; false when the caller keeps them
     */
    ZipWriter(OutputStream out, long startOffset, boolean keepEntries) {
        this.out = out;
        this.written = startOffset;
        this.kept = keepEntries ? new ArrayList<>() : null;
    }

    long offset() {
        return written;
    }

    /** An entry stored as is, whose size and CRC are known: exactly {@code size} bytes are copied from {@code data}. */
    Entry stored(String name, long dosTime, long size, long crc, InputStream data) throws IOException {
        long offset = written;
        boolean zip64 = size >= MAX32;
        localHeader(name, STORED, 0, dosTime, crc, size, size, zip64);
        long left = size;
        while (left > 0) {
            int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("The source of " + name + " ended " + left + " bytes early");
            }
            write(buffer, 0, n);
            left -= n;
        }
        return keep(new Entry(name, STORED, crc, size, size, offset, dosTime, false));
    }

    /** Rewrites bytes already written, for archives on a seekable file. */
    interface Patcher {
        void patch(long offset, byte[] bytes) throws IOException;
    }

    /**
     * An entry stored as is, its CRC computed while copying and then patched into the local header: one read of
     * the source instead of two, for archives written to a file.
     */
    Entry stored(String name, long dosTime, long size, InputStream data, Patcher patcher) throws IOException {
        long offset = written;
        boolean zip64 = size >= MAX32;
        localHeader(name, STORED, 0, dosTime, 0, size, size, zip64);
        CRC32 crc = new CRC32();
        long left = size;
        while (left > 0) {
            int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("The source of " + name + " ended " + left + " bytes early");
            }
            crc.update(buffer, 0, n);
            write(buffer, 0, n);
            left -= n;
        }
        byte[] value = new byte[4];
        putInt(value, 0, crc.getValue());
        patcher.patch(offset + 14, value);
        return keep(new Entry(name, STORED, crc.getValue(), size, size, offset, dosTime, false));
    }

    Entry stored(String name, long dosTime, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        return stored(name, dosTime, data.length, crc.getValue(), new java.io.ByteArrayInputStream(data));
    }

    /** An entry whose data is already deflated (raw, no zlib header), with its sizes and CRC known. */
    Entry predeflated(String name, long dosTime, long crc, long compressedSize, long size, InputStream raw)
            throws IOException {
        long offset = written;
        localHeader(name, DEFLATED, 0, dosTime, crc, compressedSize, size, size >= MAX32 || compressedSize >= MAX32);
        long left = compressedSize;
        while (left > 0) {
            int n = raw.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("The compressed data of " + name + " ended early");
            }
            write(buffer, 0, n);
            left -= n;
        }
        return keep(new Entry(name, DEFLATED, crc, compressedSize, size, offset, dosTime, false));
    }

    /**
     * An entry deflated as it is read, sizes and CRC following in a data descriptor.
     *
     * @param sizeHint the expected uncompressed size, or -1 when unknown (then ZIP64 sizes are used)
     */
    Entry deflated(String name, long dosTime, InputStream data, long sizeHint) throws IOException {
        long offset = written;
        boolean zip64 = sizeHint < 0 || sizeHint >= MAX32 / 2;
        localHeader(name, DEFLATED, FLAG_DESCRIPTOR, dosTime, 0, 0, 0, zip64);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        CRC32 crc = new CRC32();
        byte[] packed = new byte[BUFFER];
        long size = 0;
        long compressed = 0;
        try {
            int n;
            while ((n = data.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
                size += n;
                deflater.setInput(buffer, 0, n);
                while (!deflater.needsInput()) {
                    int m = deflater.deflate(packed);
                    write(packed, 0, m);
                    compressed += m;
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                int m = deflater.deflate(packed);
                write(packed, 0, m);
                compressed += m;
            }
        } finally {
            deflater.end();
        }
        if (!zip64 && (size >= MAX32 || compressed >= MAX32)) {
            throw new IOException(name + " is larger than its size hint allowed for (" + size + " bytes)");
        }
        byte[] dd = new byte[zip64 ? 24 : 16];
        int p = putInt(dd, 0, 0x08074b50);
        p = putInt(dd, p, crc.getValue());
        if (zip64) {
            p = putLong(dd, p, compressed);
            putLong(dd, p, size);
        } else {
            p = putInt(dd, p, compressed);
            putInt(dd, p, size);
        }
        write(dd, 0, dd.length);
        return keep(new Entry(name, DEFLATED, crc.getValue(), compressed, size, offset, dosTime, true));
    }

    /** Writes the central directory of the kept entries and the end records. */
    void finish() throws IOException {
        for (Entry e : kept) {
            central(e);
        }
        end();
    }

    /** Adds one entry to the central directory (after the last entry's data); then {@link #end()}. */
    void central(Entry e) throws IOException {
        if (centralStart < 0) {
            centralStart = written;
        }
        byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
        boolean bigSize = e.size() >= MAX32;
        boolean bigPacked = e.compressedSize() >= MAX32;
        boolean bigOffset = e.offset() >= MAX32;
        int extraLength = (bigSize || bigPacked || bigOffset)
                ? 4 + (bigSize ? 8 : 0) + (bigPacked ? 8 : 0) + (bigOffset ? 8 : 0) : 0;
        byte[] h = new byte[46 + name.length + extraLength];
        int p = putInt(h, 0, 0x02014b50);
        p = putShort(h, p, (3 << 8) | 45);
        p = putShort(h, p, extraLength > 0 ? 45 : 20);
        p = putShort(h, p, FLAG_UTF8 | (e.descriptor() ? FLAG_DESCRIPTOR : 0));
        p = putShort(h, p, e.method());
        p = putInt(h, p, e.dosTime());
        p = putInt(h, p, e.crc());
        p = putInt(h, p, bigPacked ? MAX32 : e.compressedSize());
        p = putInt(h, p, bigSize ? MAX32 : e.size());
        p = putShort(h, p, name.length);
        p = putShort(h, p, extraLength);
        p = putShort(h, p, 0);
        p = putShort(h, p, 0);
        p = putShort(h, p, 0);
        p = putInt(h, p, UNIX_REGULAR_FILE & MAX32);
        p = putInt(h, p, bigOffset ? MAX32 : e.offset());
        System.arraycopy(name, 0, h, p, name.length);
        p += name.length;
        if (extraLength > 0) {
            p = putShort(h, p, 0x0001);
            p = putShort(h, p, extraLength - 4);
            if (bigSize) {
                p = putLong(h, p, e.size());
            }
            if (bigPacked) {
                p = putLong(h, p, e.compressedSize());
            }
            if (bigOffset) {
                putLong(h, p, e.offset());
            }
        }
        write(h, 0, h.length);
        centralCount++;
    }

    /** The end of central directory records (ZIP64 ones first when needed). */
    void end() throws IOException {
        if (centralStart < 0) {
            centralStart = written;
        }
        long size = written - centralStart;
        boolean zip64 = centralCount >= MAX16 || size >= MAX32 || centralStart >= MAX32;
        if (zip64) {
            long recordAt = written;
            byte[] r = new byte[56 + 20];
            int p = putInt(r, 0, 0x06064b50);
            p = putLong(r, p, 44);
            p = putShort(r, p, (3 << 8) | 45);
            p = putShort(r, p, 45);
            p = putInt(r, p, 0);
            p = putInt(r, p, 0);
            p = putLong(r, p, centralCount);
            p = putLong(r, p, centralCount);
            p = putLong(r, p, size);
            p = putLong(r, p, centralStart);
            p = putInt(r, p, 0x07064b50);
            p = putInt(r, p, 0);
            p = putLong(r, p, recordAt);
            putInt(r, p, 1);
            write(r, 0, r.length);
        }
        byte[] r = new byte[22];
        int p = putInt(r, 0, 0x06054b50);
        p = putShort(r, p, 0);
        p = putShort(r, p, 0);
        p = putShort(r, p, (int) Math.min(centralCount, MAX16));
        p = putShort(r, p, (int) Math.min(centralCount, MAX16));
        p = putInt(r, p, Math.min(size, MAX32));
        p = putInt(r, p, Math.min(centralStart, MAX32));
        putShort(r, p, 0);
        write(r, 0, r.length);
        out.flush();
    }

    /** MS-DOS date and time (two seconds precision) of an instant, in UTC. */
    static long dosTime(long epochMillis) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
        if (t.getYear() < 1980) {
            return (1 << 21) | (1 << 16);
        }
        return ((long) (t.getYear() - 1980) << 25) | ((long) t.getMonthValue() << 21) | ((long) t.getDayOfMonth() << 16)
                | ((long) t.getHour() << 11) | ((long) t.getMinute() << 5) | (t.getSecond() >> 1);
    }

    private void localHeader(String entryName, int method, int flags, long dosTime, long crc, long compressedSize,
            long size, boolean zip64) throws IOException {
        byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX16) {
            throw new IOException("Entry name too long: " + entryName);
        }
        int extraLength = zip64 ? 20 : 0;
        byte[] h = new byte[30 + name.length + extraLength];
        int p = putInt(h, 0, 0x04034b50);
        p = putShort(h, p, zip64 ? 45 : 20);
        p = putShort(h, p, FLAG_UTF8 | flags);
        p = putShort(h, p, method);
        p = putInt(h, p, dosTime);
        p = putInt(h, p, crc);
        p = putInt(h, p, zip64 ? MAX32 : compressedSize);
        p = putInt(h, p, zip64 ? MAX32 : size);
        p = putShort(h, p, name.length);
        p = putShort(h, p, extraLength);
        System.arraycopy(name, 0, h, p, name.length);
        p += name.length;
        if (zip64) {
            p = putShort(h, p, 0x0001);
            p = putShort(h, p, 16);
            p = putLong(h, p, size);
            putLong(h, p, compressedSize);
        }
        write(h, 0, h.length);
    }

    private Entry keep(Entry e) {
        if (kept != null) {
            kept.add(e);
        }
        return e;
    }

    private void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written += len;
    }

    private static int putShort(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        return p + 2;
    }

    private static int putInt(byte[] b, int p, long v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
        return p + 4;
    }

    private static int putLong(byte[] b, int p, long v) {
        putInt(b, p, v);
        putInt(b, p + 4, v >>> 32);
        return p + 8;
    }
}
