package org.gallery.migration.extract;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Reads a ZIP front to back through its local headers, for archives whose central directory is gone. Entries are
 * still checked against their CRC; reading stops at the first damage, since nothing after it can be trusted to be
 * found correctly. An entry whose CRC is only stated after its data (a data descriptor) is checked by the end
 * marker of its compressed stream instead. Link entries cannot be recognised this way (that flag lives in the central directory) but are
 * harmless: their content, a path, is not an image.
 */
final class StreamingZipReader {

    private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ARCHIVE = {'P', 'K', 5, 6};

    void readDamaged(Path archive, EntryVisitor visitor, String centralDirectoryProblem) throws IOException {
        byte[] start = new byte[4];
        try (InputStream in = Files.newInputStream(archive)) {
            if (in.readNBytes(start, 0, 4) < 4 || !(java.util.Arrays.equals(start, LOCAL_HEADER)
                    || java.util.Arrays.equals(start, EMPTY_ARCHIVE))) {
                throw new UnreadableArchiveException("not a ZIP archive (" + centralDirectoryProblem + ")");
            }
        }
        visitor.begin(-1);
        int index = 0;
        try (var zip = new ZipArchiveInputStream(new BufferedInputStream(Files.newInputStream(archive), 64 * 1024),
                ZipEntryNames.LEGACY_CHARSET, true, true)) {
            while (true) {
                ZipArchiveEntry entry;
                try {
                    entry = zip.getNextEntry();
                } catch (IOException | RuntimeException e) {
                    throw damaged(centralDirectoryProblem, index, e);
                }
                if (entry == null) {
                    break;
                }
                var content = new Content(zip, entry);
                visitor.visit(ZipArchiveReader.header(index++, entry, zip.canReadEntryData(entry)), content);
                if (content.broken != null) {
                    throw damaged(centralDirectoryProblem, index - 1, content.broken);
                }
            }
        }
        throw new UnreadableArchiveException("damaged ZIP (central directory unreadable: " + centralDirectoryProblem
                + "); all " + index + " entries were recovered from the local headers");
    }

    private static UnreadableArchiveException damaged(String problem, int readable, Throwable e) {
        return new UnreadableArchiveException("damaged or truncated ZIP (central directory unreadable: " + problem
                + "); " + readable
                + " entries were readable from the start, then: " + CheckedCopy.describe(e), e);
    }

    private static final class Content implements EntryContent {
        private final ZipArchiveInputStream zip;
        private final ZipArchiveEntry entry;
        private CorruptEntryException broken;

        Content(ZipArchiveInputStream zip, ZipArchiveEntry entry) {
            this.zip = zip;
            this.entry = entry;
        }

        @Override
        public void copyTo(OutputStream out) throws IOException {
            try {
                // -1 until known: an entry written with a data descriptor only states CRC and size after its data
                CheckedCopy.verify(CheckedCopy.copy(zip, out), entry.getCrc(), entry.getSize());
            } catch (CorruptEntryException e) {
                broken = e;
                throw e;
            }
        }

        @Override
        public long compressedBytesRead() {
            return zip.getCompressedCount();
        }
    }
}
