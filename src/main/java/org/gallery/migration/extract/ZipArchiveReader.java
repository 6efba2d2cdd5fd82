package org.gallery.migration.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Reads ZIP (and ZIP64) archives through their central directory. When that directory is missing or damaged, as in
 * a truncated download, it falls back to {@link StreamingZipReader}, which recovers the entries readable from the
 * start, and the archive is then reported as damaged.
 */
final class ZipArchiveReader implements ArchiveReader {

    @Override
    public void read(Path archive, EntryVisitor visitor) throws IOException {
        ZipFile zip;
        try {
            zip = ZipFile.builder()
                    .setPath(archive)
                    .setCharset(ZipEntryNames.LEGACY_CHARSET)
                    .setUseUnicodeExtraFields(true)
                    .get();
        } catch (IOException | RuntimeException e) {
            new StreamingZipReader().readDamaged(archive, visitor, CheckedCopy.describe(e));
            return;
        }
        try (zip) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            visitor.begin(entries.size());
            int index = 0;
            for (ZipArchiveEntry entry : entries) {
                visitor.visit(header(index++, entry, zip.canReadEntryData(entry)), new Content(zip, entry));
            }
        }
    }

    static EntryHeader header(int index, ZipArchiveEntry entry, boolean canRead) {
        String name = ZipEntryNames.decode(entry);
        boolean encrypted = entry.getGeneralPurposeBit().usesEncryption()
                || entry.getGeneralPurposeBit().usesStrongEncryption();
        String unsupported = canRead || encrypted ? null
                : "compression method " + ZipMethod.getMethodByCode(entry.getMethod()) + " is not supported";
        return new EntryHeader(index, name, kind(entry), entry.getSize(), encrypted, unsupported);
    }

    private static EntryHeader.Kind kind(ZipArchiveEntry entry) {
        if (entry.isDirectory()) {
            return EntryHeader.Kind.DIRECTORY;
        }
        if (entry.isUnixSymlink()) {
            return EntryHeader.Kind.LINK;
        }
        if (entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX) {
            int type = entry.getUnixMode() & UnixStat.FILE_TYPE_FLAG;
            if (type != 0 && type != UnixStat.FILE_FLAG) {
                return type == UnixStat.DIR_FLAG ? EntryHeader.Kind.DIRECTORY : EntryHeader.Kind.SPECIAL;
            }
        }
        return EntryHeader.Kind.FILE;
    }

    private static final class Content implements EntryContent {
        private final ZipFile zip;
        private final ZipArchiveEntry entry;
        private InputStreamStatistics statistics;

        Content(ZipFile zip, ZipArchiveEntry entry) {
            this.zip = zip;
            this.entry = entry;
        }

        @Override
        public void copyTo(java.io.OutputStream out) throws IOException {
            InputStream in;
            try {
                in = zip.getInputStream(entry);
            } catch (IOException | RuntimeException e) {
                throw new CorruptEntryException("cannot open entry data: " + CheckedCopy.describe(e), e);
            }
            try (in) {
                statistics = in instanceof InputStreamStatistics s ? s : null;
                CheckedCopy.verify(CheckedCopy.copy(in, out), entry.getCrc(), entry.getSize());
            }
        }

        @Override
        public long compressedBytesRead() {
            // the central directory's compressed size bounds what the reader consumes, so it is a safe fallback
            return statistics != null ? statistics.getCompressedCount() : entry.getCompressedSize();
        }
    }
}
