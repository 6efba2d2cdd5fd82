package org.gallery.migration.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Writes minimal RAR archives with uncompressed ("stored") entries, following RARLAB's published format
 * descriptions (RAR 1.5-4.x and RAR 5.0). Creating compressed RAR data needs the non-free {@code rar} program,
 * which is not available here, so tests of RAR handling use stored entries only.
 */
final class RarWriter {

    private static final byte[] RAR4_SIGNATURE = {'R', 'a', 'r', '!', 0x1A, 0x07, 0x00};
    private static final byte[] RAR5_SIGNATURE = {'R', 'a', 'r', '!', 0x1A, 0x07, 0x01, 0x00};

    private static final int RAR4_LONG_BLOCK = 0x8000;
    private static final int RAR4_ENCRYPTED = 0x0004;
    private static final int RAR4_DIRECTORY = 0x00E0;
    private static final int HOST_WIN32 = 2;
    private static final int HOST_UNIX = 3;

    private final boolean rar5;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private RarWriter(boolean rar5) {
        this.rar5 = rar5;
    }

    static RarWriter rar4() {
        return new RarWriter(false);
    }

    static RarWriter rar5() {
        return new RarWriter(true);
    }

    RarWriter add(String name, byte[] data) {
        return rar5 ? rar5File(name, data) : rar4File(name, data, 0, HOST_WIN32, 0x20);
    }

    /** A Unix symbolic link; its data is the link target. */
    RarWriter symlink(String name, String target) {
        return rar4File(name, target.getBytes(StandardCharsets.UTF_8), 0, HOST_UNIX, 0xA1FF);
    }

    /** Only the "encrypted" header flag: the data itself is left plain. */
    RarWriter encrypted(String name, byte[] data) {
        return rar4File(name, data, RAR4_ENCRYPTED, HOST_WIN32, 0x20);
    }

    RarWriter directory(String name) {
        return rar4File(name, new byte[0], RAR4_DIRECTORY, HOST_WIN32, 0x10);
    }

    byte[] bytes() {
        var out = new ByteArrayOutputStream();
        out.writeBytes(rar5 ? RAR5_SIGNATURE : RAR4_SIGNATURE);
        out.writeBytes(rar5 ? rar5Block(concat(vint(1), vint(0), vint(0))) : rar4Block(0x73, 0, new byte[6]));
        out.writeBytes(body.toByteArray());
        out.writeBytes(rar5 ? rar5Block(concat(vint(5), vint(0), vint(0))) : rar4Block(0x7B, 0x4000, new byte[0]));
        return out.toByteArray();
    }

    Path writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RarWriter rar4File(String name, byte[] data, int flags, int host, int attributes) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer fields = ByteBuffer.allocate(25 + nameBytes.length).order(ByteOrder.LITTLE_ENDIAN);
        fields.putInt(data.length)          // packed size
                .putInt(data.length)        // unpacked size
                .put((byte) host)
                .putInt((int) crc(data))
                .putInt(0x5A8E3100)         // DOS date and time
                .put((byte) 20)             // version needed: 2.0
                .put((byte) 0x30)           // method: store
                .putShort((short) nameBytes.length)
                .putInt(attributes)
                .put(nameBytes);
        body.writeBytes(rar4Block(0x74, flags | RAR4_LONG_BLOCK, fields.array()));
        body.writeBytes(data);
        return this;
    }

    /** CRC16 (the low half of CRC32) over type, flags, size and fields. */
    private static byte[] rar4Block(int type, int flags, byte[] fields) {
        int size = 7 + fields.length;
        ByteBuffer header = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).put((byte) type).putShort((short) flags).putShort((short) size).put(fields);
        byte[] bytes = header.array();
        CRC32 crc = new CRC32();
        crc.update(bytes, 2, size - 2);
        bytes[0] = (byte) crc.getValue();
        bytes[1] = (byte) (crc.getValue() >> 8);
        return bytes;
    }

    private RarWriter rar5File(String name, byte[] data) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] dataCrc = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc(data)).array();
        byte[] header = concat(
                vint(2),                // type: file
                vint(2),                // header flags: a data area follows
                vint(data.length),      // data size
                vint(4),                // file flags: data CRC32 present
                vint(data.length),      // unpacked size
                vint(0100644),          // attributes
                dataCrc,
                vint(0),                // compression: version 0, method store
                vint(1),                // host OS: Unix
                vint(nameBytes.length),
                nameBytes);
        body.writeBytes(rar5Block(header));
        body.writeBytes(data);
        return this;
    }

    /** CRC32 over the header size (a vint) and the header. */
    private static byte[] rar5Block(byte[] header) {
        byte[] sized = concat(vint(header.length), header);
        byte[] crc = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc(sized)).array();
        return concat(crc, sized);
    }

    private static byte[] vint(long value) {
        var out = new ByteArrayOutputStream();
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return out.toByteArray();
    }

    private static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
