package org.gallery.migration.extract;

import com.github.junrar.Archive;
import com.github.junrar.exception.CrcErrorException;
import com.github.junrar.exception.RarException;
import com.github.junrar.exception.UnsupportedRarEncryptedException;
import com.github.junrar.exception.UnsupportedRarMethodException;
import com.github.junrar.exception.UnsupportedRarVersionException;
import com.github.junrar.rarfile.BaseBlock;
import com.github.junrar.rarfile.EndArcHeader;
import com.github.junrar.rarfile.FileHeader;
import com.github.junrar.rarfile.MainHeader;
import com.github.junrar.rarfile.rar5.Rar5BaseBlock;
import com.github.junrar.rarfile.rar5.Rar5BlockType;
import com.github.junrar.rarfile.HostSystem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads RAR archives with junrar, which checks every entry's checksum itself. It is never given a password, so an
 * encrypted entry or archive is reported instead of prompting. Failures that another RAR implementation may not
 * have (a format version or method junrar lacks) are thrown as {@link UnsupportedByReaderException}.
 */
final class JunrarReader implements ArchiveReader {

    /** Unix file-type bits, as RAR stores them for entries made on Unix. */
    private static final int UNIX_TYPE_MASK = 0xF000;
    private static final int UNIX_REGULAR = 0x8000;
    private static final int UNIX_DIRECTORY = 0x4000;
    private static final int UNIX_LINK = 0xA000;
    /** Windows FILE_ATTRIBUTE_REPARSE_POINT: junctions and symbolic links. */
    private static final int WINDOWS_REPARSE_POINT = 0x400;

    /** Thrown when junrar cannot read an archive another RAR reader might read. */
    static final class UnsupportedByReaderException extends UnreadableArchiveException {
        UnsupportedByReaderException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The file list itself is encrypted: no reader can list it without the password, which is never asked for. */
    static final class EncryptedArchiveException extends UnreadableArchiveException {
        EncryptedArchiveException(Throwable cause) {
            super("password-protected RAR (its file list is encrypted); no password is asked for", cause);
        }
    }

    @Override
    public void read(Path path, EntryVisitor visitor) throws IOException {
        Archive archive = open(path);
        try (archive) {
            if (archive.getMainHeader() != null && archive.getMainHeader().isEncrypted()) {
                throw new EncryptedArchiveException(null);
            }
            if (!has(archive, MainHeader.class, Rar5BlockType.MAIN)) {
                throw new UnreadableArchiveException("truncated or damaged RAR: it has no main header");
            }
            List<FileHeader> headers = archive.getFileHeaders();
            visitor.begin(headers.size());
            int index = 0;
            for (FileHeader header : headers) {
                visitor.visit(header(index++, header), new Content(archive, header));
            }
            // checked last, so that every entry that verifies is extracted first
            if (!has(archive, EndArcHeader.class, Rar5BlockType.ENDARC)) {
                throw new UnreadableArchiveException("truncated RAR: it ends without its end-of-archive marker; "
                        + headers.size() + " entries were readable, any after them are lost");
            }
        }
    }

    private static Archive open(Path path) throws IOException {
        try {
            return new Archive(path.toFile());
        } catch (UnsupportedRarVersionException | UnsupportedRarMethodException | com.github.junrar.exception.UnsupportedDictionarySizeException e) {
            throw new UnsupportedByReaderException("RAR version not supported by the built-in reader", e);
        } catch (UnsupportedRarEncryptedException e) {
            throw new EncryptedArchiveException(e);
        } catch (RarException | RuntimeException e) {
            throw new UnreadableArchiveException("not a readable RAR archive: " + CheckedCopy.describe(e), e);
        }
    }

    /** Whether the archive has a block of the given RAR4 class or RAR5 type. */
    private static boolean has(Archive archive, Class<? extends BaseBlock> rar4, Rar5BlockType rar5) {
        for (BaseBlock block : archive.getHeaders()) {
            if (rar4.isInstance(block) || (block instanceof Rar5BaseBlock b && b.getRar5Type() == rar5)) {
                return true;
            }
        }
        return false;
    }

    private static EntryHeader header(int index, FileHeader header) {
        String name = EntryNames.normalize(header.getFileName() == null ? "" : header.getFileName());
        return new EntryHeader(index, name, kind(header), header.getFullUnpackSize(), header.isEncrypted(), null);
    }

    private static EntryHeader.Kind kind(FileHeader header) {
        if (header.isDirectory()) {
            return EntryHeader.Kind.DIRECTORY;
        }
        if (header.isRar5Family() && header.getRedirection() != null) {
            return EntryHeader.Kind.LINK;
        }
        int attributes = header.getFileAttr();
        if (header.getHostOS() == HostSystem.unix) {
            int type = attributes & UNIX_TYPE_MASK;
            if (type == UNIX_LINK) {
                return EntryHeader.Kind.LINK;
            }
            if (type == UNIX_DIRECTORY) {
                return EntryHeader.Kind.DIRECTORY;
            }
            if (type != 0 && type != UNIX_REGULAR) {
                return EntryHeader.Kind.SPECIAL;
            }
        } else if ((attributes & WINDOWS_REPARSE_POINT) != 0) {
            return EntryHeader.Kind.LINK;
        }
        return EntryHeader.Kind.FILE;
    }

    private record Content(Archive archive, FileHeader header) implements EntryContent {

        @Override
        public void copyTo(OutputStream out) throws IOException {
            try {
                archive.extractFile(header, out);
            } catch (RarException | RuntimeException e) {
                IOException own = ownException(e);
                if (own != null) {
                    throw own;
                }
                if (e instanceof CrcErrorException || e.getCause() instanceof CrcErrorException) {
                    throw new CorruptEntryException("checksum mismatch", e);
                }
                if (e instanceof UnsupportedRarMethodException) {
                    throw new CorruptEntryException("compression method not supported by the built-in reader: "
                            + CheckedCopy.describe(e), e);
                }
                throw new CorruptEntryException(CheckedCopy.describe(e), e);
            }
        }

        @Override
        public long compressedBytesRead() {
            // junrar reads at most the entry's packed size, so it bounds the compressed bytes consumed
            return header.getFullPackSize();
        }

        /** junrar wraps whatever the output throws; limits and disk errors must come out as themselves. */
        private static IOException ownException(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof LimitExceededException || t instanceof NotAnImageException
                        || t instanceof TargetWriteException) {
                    return (IOException) t;
                }
            }
            return null;
        }
    }
}
