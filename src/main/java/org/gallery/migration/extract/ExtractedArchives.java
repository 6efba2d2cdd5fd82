package org.gallery.migration.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** What a photoset folder's extraction manifest says about the archives that were extracted into it. Read only. */
public final class ExtractedArchives {

    /**
     * @param complete every entry of the archive was handled (a damaged or over-limit archive is not complete)
     */
    public record Archive(String fileName, long size, long modifiedMillis, boolean complete) {
    }

    private ExtractedArchives() {
    }

    /** The archives listed in the folder's manifest; empty when there is none or it cannot be read. */
    public static List<Archive> in(Path photosetFolder) {
        if (!Files.isDirectory(photosetFolder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try {
            ExtractManifest manifest = ManifestFile.load(photosetFolder);
            if (manifest == null) {
                return List.of();
            }
            return manifest.archives().entrySet().stream()
                    .map(e -> new Archive(e.getKey(), e.getValue().size(), e.getValue().modified(), e.getValue().complete()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether a file name in a photoset folder is the extract step's own bookkeeping (manifest, temporary files). */
    public static boolean isBookkeeping(String fileName) {
        return fileName.equals(ExtractManifest.FILE_NAME) || fileName.startsWith(StagingOutputStream.TEMP_PREFIX);
    }

    /** The lock file extract keeps in the images folder while it runs. */
    public static final String LOCK_FILE = ArchiveExtractor.LOCK_FILE;
}
