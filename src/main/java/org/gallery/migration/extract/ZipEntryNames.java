package org.gallery.migration.extract;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * Decodes ZIP entry names. When the archive marks a name as UTF-8 (flag bit 11, or a Unicode extra field) that is
 * used. Otherwise the ZIP specification says CP437, which is what old Windows and DOS tools wrote; but many tools
 * write UTF-8 without setting the flag, so a name that is valid UTF-8 is read as UTF-8 and only the rest as CP437.
 */
final class ZipEntryNames {

    /** The charset ZIP readers are opened with, so names without the UTF-8 flag arrive as CP437. */
    static final String LEGACY_CHARSET = "Cp437";

    private ZipEntryNames() {
    }

    static String decode(ZipArchiveEntry entry) {
        if (entry.getNameSource() != ZipArchiveEntry.NameSource.NAME) {
            return EntryNames.normalize(entry.getName());
        }
        byte[] raw = entry.getRawName();
        if (raw != null && !isAscii(raw)) {
            try {
                return EntryNames.normalize(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(raw)).toString());
            } catch (CharacterCodingException notUtf8) {
                // falls through to the CP437 name the reader already decoded
            }
        }
        return EntryNames.normalize(entry.getName());
    }

    private static boolean isAscii(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
