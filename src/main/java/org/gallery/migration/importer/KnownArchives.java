package org.gallery.migration.importer;

import java.util.HashMap;
import java.util.Map;
import org.gallery.migration.importer.PreparedPhotoset.ArchiveFacts;

/**
 * The SHA-256 of the archives already hashed, by file name, size and modification time: an archive that has not
 * changed since is not read again. Shared by the workers of one run.
 */
final class KnownArchives {

    private final Map<String, String> shas = new HashMap<>();

    synchronized String sha256(String fileName, long bytes, long modified) {
        return shas.get(key(fileName, bytes, modified));
    }

    synchronized void remember(String fileName, long bytes, long modified, String sha256) {
        shas.put(key(fileName, bytes, modified), sha256);
    }

    synchronized void remember(ArchiveFacts archive) {
        remember(archive.fileName(), archive.bytes(), archive.modified(), archive.sha256());
    }

    private static String key(String fileName, long bytes, long modified) {
        return fileName + "\u0000" + bytes + "\u0000" + modified;
    }
}
