package org.gallery.migration.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * RAR: junrar first (RAR4 and RAR5, no installed program needed). When junrar cannot read an archive that is not
 * simply broken (an unsupported version or method, or any RAR5 problem) and {@code bsdtar} is on the PATH, the
 * archive is read again through it; without it, the failure names what to install.
 */
final class RarArchiveReader implements ArchiveReader {

    static final String INSTALL_HINT = "install bsdtar to read it (Debian/Ubuntu: apt install libarchive-tools;"
            + " Fedora: dnf install bsdtar; macOS: included)";

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
            if (guard.started || !(e instanceof JunrarReader.UnsupportedByReaderException || isRar5(archive))) {
                throw e;
            }
            var bsdtar = tools.bsdtar();
            if (bsdtar.isEmpty()) {
                throw new UnreadableArchiveException(e.getMessage() + "; " + INSTALL_HINT, e);
            }
            new BsdtarReader(bsdtar.get()).read(archive, visitor);
        }
    }

    private static boolean isRar5(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return Arrays.equals(in.readNBytes(RAR5_SIGNATURE.length), RAR5_SIGNATURE);
        }
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
