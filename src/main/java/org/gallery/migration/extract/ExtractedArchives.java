package org.gallery.migration.extract;

import java.io.IOException;
import java.util.List;
import org.gallery.storage.FileStore;

/** What a photoset folder's extraction manifest says about the archives that were extracted into it. Read only. */
public final class ExtractedArchives {

    /**
     * @param complete every entry of the archive was handled (a damaged or over-limit archive is not complete)
     */
    public record Archive(String fileName, long size, long modifiedMillis, boolean complete) {
    }

    private ExtractedArchives() {
    }

    /**
     * The archives listed in the manifest of a photoset folder in the file store; empty when there is none or it
     * cannot be read.
     */
    public static List<Archive> in(FileStore store, String photosetFolder) {
        ExtractManifest manifest;
        try {
            manifest = ManifestFile.parse(store.read(FileStore.Area.IMAGES.key(photosetFolder + "/" + ExtractManifest.FILE_NAME)));
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
        if (manifest == null) {
            return List.of();
        }
        return manifest.archives().entrySet().stream()
                .map(e -> new Archive(e.getKey(), e.getValue().size(), e.getValue().modified(), e.getValue().complete()))
                .toList();
    }

    /** Whether a file name in a photoset folder is the extract step's own bookkeeping (manifest, temporary files). */
    public static boolean isBookkeeping(String fileName) {
        return fileName.equals(ExtractManifest.FILE_NAME) || fileName.startsWith(StagingOutputStream.TEMP_PREFIX);
    }

    /** The lock file extract keeps in the images folder while it runs. */
    public static final String LOCK_FILE = ArchiveExtractor.LOCK_FILE;
}
