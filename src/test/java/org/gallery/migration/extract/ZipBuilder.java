package org.gallery.migration.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Writes test ZIP archives with commons-compress, including the odd and hostile entries real archives contain. */
final class ZipBuilder {

    private interface Step {
        void write(ZipArchiveOutputStream out) throws IOException;
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<String> encryptedNames = new ArrayList<>();
    private boolean zip64;
    private String unflaggedEncoding;

    ZipBuilder add(String name, byte[] data) {
        steps.add(out -> {
            var entry = new ZipArchiveEntry(name);
            out.putArchiveEntry(entry);
            out.write(data);
            out.closeArchiveEntry();
        });
        return this;
    }

    /** Uncompressed, so a test can find and damage the entry's bytes inside the archive. */
    ZipBuilder addStored(String name, byte[] data) {
        steps.add(out -> {
            var entry = new ZipArchiveEntry(name);
            entry.setMethod(ZipArchiveEntry.STORED);
            var crc = new java.util.zip.CRC32();
            crc.update(data);
            entry.setCrc(crc.getValue());
            entry.setSize(data.length);
            out.putArchiveEntry(entry);
            out.write(data);
            out.closeArchiveEntry();
        });
        return this;
    }

    /** {@code head} followed by {@code zeros} zero bytes: compresses about 1000:1 with deflate. */
    ZipBuilder addHighlyCompressible(String name, byte[] head, long zeros) {
        steps.add(out -> {
            out.putArchiveEntry(new ZipArchiveEntry(name));
            out.write(head);
            byte[] block = new byte[1024 * 1024];
            for (long left = zeros; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
            out.closeArchiveEntry();
        });
        return this;
    }

    ZipBuilder symlink(String name, String target) {
        steps.add(out -> {
            var entry = new ZipArchiveEntry(name);
            entry.setUnixMode(UnixStat.LINK_FLAG | 0777);
            out.putArchiveEntry(entry);
            out.write(target.getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        });
        return this;
    }

    ZipBuilder directory(String name) {
        steps.add(out -> {
            out.putArchiveEntry(new ZipArchiveEntry(name.endsWith("/") ? name : name + "/"));
            out.closeArchiveEntry();
        });
        return this;
    }

    /** Sets the general-purpose "encrypted" flag on the entry, in its local and central headers. */
    ZipBuilder encrypted(String name, byte[] data) {
        encryptedNames.add(name);
        return addStored(name, data);
    }

    ZipBuilder zip64() {
        zip64 = true;
        return this;
    }

    /** Names in CP437 without the UTF-8 flag or Unicode extra fields, as old Windows tools wrote them. */
    ZipBuilder legacyCp437Names() {
        unflaggedEncoding = "Cp437";
        return this;
    }

    /** UTF-8 names without the flag that says so, as several tools write them. */
    ZipBuilder unflaggedUtf8Names() {
        unflaggedEncoding = "UTF-8";
        return this;
    }

    Path writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (var out = new ZipArchiveOutputStream(file)) {
                if (zip64) {
                    out.setUseZip64(Zip64Mode.Always);
                }
                if (unflaggedEncoding != null) {
                    out.setEncoding(unflaggedEncoding);
                    out.setUseLanguageEncodingFlag(false);
                    out.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
                    out.setFallbackToUTF8(false);
                }
                for (Step step : steps) {
                    step.write(out);
                }
            }
            for (String name : encryptedNames) {
                setEncryptedFlag(file, name);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void setEncryptedFlag(Path file, String name) throws IOException {
        byte[] zip = Files.readAllBytes(file);
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        int patched = 0;
        for (int i = 0; i + 46 < zip.length; i++) {
            boolean local = zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4;
            boolean central = zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2;
            int nameAt = local ? i + 30 : i + 46;
            int flagAt = local ? i + 6 : i + 8;
            if ((local || central) && regionEquals(zip, nameAt, nameBytes)) {
                zip[flagAt] |= 1;
                patched++;
            }
        }
        if (patched != 2) {
            throw new IllegalStateException("expected a local and a central header for " + name + ", found " + patched);
        }
        Files.write(file, zip);
    }

    private static boolean regionEquals(byte[] data, int at, byte[] expected) {
        if (at + expected.length > data.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (data[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
