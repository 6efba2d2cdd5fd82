package org.gallery.migration.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * RAR: junrar first (RAR4 and RAR5, no installed program needed). When junrar cannot even list a file that starts
 * like a RAR (a version or method it lacks, or a damaged header that stops it cold) and {@code bsdtar} is on the
 * PATH, the archive is read again through it, which also recovers the entries before a damaged header. Without
 * bsdtar, a RAR variant junrar lacks fails with a message that names what to install.
 */
final class RarArchiveReader implements ArchiveReader {

    static final String INSTALL_HINT = "install bsdtar to read it (Debian/Ubuntu: apt install libarchive-tools;"
            + " Fedora: dnf install bsdtar; macOS: included)";

    private static final byte[] RAR4_SIGNATURE = {'R', 'a', 'r', '!', 0x1A, 0x07, 0x00};
    private static final byte[] RAR5_SIGNATURE = {'R', 'a', 'r', '!', 0x1A, 0x07, 0x01, 0x00};

    private final ArchiveReader builtIn;
    private final ExternalTools tools;

    RarArchiveReader(ArchiveReader builtIn, ExternalTools tools) {
        this.builtIn = builtIn;
        this.tools = tools;
    }

    @Override
    public void read(Path archive, EntryVisitor visitor) throws IOException {
        var guard = new OpeningGuard(visitor);
        try {
            builtIn.read(archive, guard);
        } catch (UnreadableArchiveException e) {
            byte[] head = head(archive);
            boolean looksLikeRar = startsWith(head, RAR4_SIGNATURE) || startsWith(head, RAR5_SIGNATURE);
            if (guard.started || !looksLikeRar || e instanceof JunrarReader.EncryptedArchiveException) {
                throw e;
            }
            var bsdtar = tools.bsdtar();
            if (bsdtar.isPresent()) {
                try {
                    new BsdtarReader(bsdtar.get()).read(archive, visitor);
                } catch (UnreadableArchiveException fallback) {
                    throw new UnreadableArchiveException(e.getMessage() + "; " + fallback.getMessage(), fallback);
                }
                if (!(e instanceof JunrarReader.UnsupportedByReaderException)) {
                    // libarchive reads truncated RARs without complaint: junrar's finding of damage stands
                    throw new UnreadableArchiveException(e.getMessage()
                            + "; the entries bsdtar could still read were extracted", e);
                }
            } else if (e instanceof JunrarReader.UnsupportedByReaderException || startsWith(head, RAR5_SIGNATURE)) {
                throw new UnreadableArchiveException(e.getMessage() + "; " + INSTALL_HINT, e);
            } else {
                throw e;
            }
        }
    }

    private static byte[] head(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return in.readNBytes(RAR5_SIGNATURE.length);
        }
    }

    private static boolean startsWith(byte[] head, byte[] signature) {
        return head.length >= signature.length
                && Arrays.equals(head, 0, signature.length, signature, 0, signature.length);
    }

    /**
     * Remembers whether the built-in reader got as far as listing entries: only a failure before that is handed to
     * the fallback, so no entry is ever visited twice in one run.
     */
    private static final class OpeningGuard implements EntryVisitor {
        private final EntryVisitor delegate;
        private boolean started;

        OpeningGuard(EntryVisitor delegate) {
            this.delegate = delegate;
        }

        @Override
        public void begin(int entryCount) throws IOException {
            started = true;
            delegate.begin(entryCount);
        }

        @Override
        public void visit(EntryHeader header, EntryContent content) throws IOException {
            delegate.visit(header, content);
        }
    }
}
