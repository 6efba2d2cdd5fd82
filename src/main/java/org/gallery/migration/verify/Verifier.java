package org.gallery.migration.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.gallery.image.ImageRegistry;
import org.gallery.migration.MigrationServices;
import org.gallery.migration.StepProgress;
import org.gallery.migration.extract.ExtractedArchives;
import org.gallery.migration.journal.MigrationJournal;
import org.gallery.photoset.PhotosetService;
import org.gallery.storage.FileStore;

/**
 * The {@code migrate verify} step. Reads the database and the file store (the folders or a bucket), changes nothing:
 * every image row has its file (with {@code deep}: the same size and SHA-256), no file lies in the images area that
 * nothing knows, every photoset with
 * images has its folder and the right count, and how many thumbnails exist.
 */
public final class Verifier {

    /** Problems listed one by one; beyond this only counted. */
    static final int MAX_LISTED = 1000;

    static final List<String> THUMBNAIL_SIZES = List.of("small", "medium", "large");

    private final MigrationServices services;

    public Verifier(MigrationServices services) {
        this.services = services;
    }

    public VerifyReport verify(boolean deep, StepProgress progress) throws IOException {
        long started = System.nanoTime();
        FileStore store = services.files();
        PhotosetService photosets = services.photosets();
        ImageRegistry imageService = services.registry();
        MigrationJournal journal = services.journal();
        boolean journalAvailable = journal.available();
        var problems = new Problems();

        long imageCount = imageService.count();
        long[] fine = new long[1];
        long[] checked = new long[1];
        long[] thumbs = new long[6];   // complete, partial, none, small, medium, large
        boolean anyThumbnails = !store.children(FileStore.Area.THUMBNAILS, "").isEmpty();
        progress.start(deep ? "verify: image files (size and SHA-256)" : "verify: image files", imageCount, "images");
        imageService.forEachFile(row -> {
            checked[0]++;
            if (checkFile(store, row, deep, problems)) {
                fine[0]++;
            }
            if (anyThumbnails) {
                countThumbnails(store, row.id(), thumbs);
            } else {
                thumbs[2]++;
            }
            progress.step(1);
        });
        progress.finish(fine[0] + " of " + checked[0] + " files fine");

        // what lies directly in the images area: photoset folders ("name/") and stray files
        List<String> top = store.children(FileStore.Area.IMAGES, "");
        var layouts = photosets.layouts();
        Map<UUID, Integer> actual = imageService.countsByPhotoset();
        Set<String> photosetFolders = new HashSet<>();
        for (var layout : layouts) {
            photosetFolders.add(layout.folder());
            int rows = actual.getOrDefault(layout.id(), 0);
            if (rows != layout.imageCount()) {
                problems.add(VerifyReport.Kind.COUNT_MISMATCH, layout.folder(), "photoset '" + layout.name() + "' counts "
                        + layout.imageCount() + " images but has " + rows);
            }
            if (rows > 0 && !top.contains(layout.folder() + "/")) {
                problems.add(VerifyReport.Kind.MISSING_FOLDER, layout.folder(), "photoset '" + layout.name()
                        + "' has " + rows + " images but no folder");
            }
        }

        long notRegistered = 0;
        List<String> folders = new ArrayList<>();
        for (String child : top) {
            if (child.endsWith("/")) {
                folders.add(child.substring(0, child.length() - 1));
            } else {
                problems.add(VerifyReport.Kind.UNKNOWN_FILE, child, "a file directly in the images folder");
            }
        }
        progress.start("verify: files on disk", folders.size(), "folders");
        for (String name : folders) {
            boolean owned = photosetFolders.contains(name) || name.equals("_unsorted");
            Map<String, Boolean> stored = new TreeMap<>();   // relative path -> is a folder
            for (String child : store.children(FileStore.Area.IMAGES, name)) {
                boolean directory = child.endsWith("/");
                String fileName = directory ? child.substring(0, child.length() - 1) : child;
                if (!ExtractedArchives.isBookkeeping(fileName)) {
                    stored.put(name + "/" + fileName, directory);
                }
            }
            if (!owned && !stored.isEmpty()) {
                // an empty one (an archive that gave no image) disagrees with nothing
                problems.add(VerifyReport.Kind.FOLDER_WITHOUT_PHOTOSET, name, "no photoset has its files here (not imported yet?)");
            }
            // exact look-ups by path (a unique index), in batches: no pattern matching over the whole table
            Set<String> known = imageService.findByRelPaths(stored.keySet()).keySet();
            Map<String, String> rejected = journalAvailable && known.size() < stored.size() ? journal.rejectedIn(name) : Map.of();
            for (var entry : stored.entrySet()) {
                String relPath = entry.getKey();
                boolean directory = entry.getValue();
                if (known.contains(relPath)) {
                    continue;
                }
                if (!directory && rejected.containsKey(relPath)) {
                    notRegistered++;
                    continue;
                }
                problems.add(VerifyReport.Kind.UNKNOWN_FILE, relPath + (directory ? "/" : ""),
                        directory ? "a subfolder inside a photoset folder" : "no image row knows this file");
            }
            progress.step(1);
        }
        progress.finish(folders.size() + " folders looked through");

        if (journalAvailable) {
            for (var failed : journal.failedFolders()) {
                problems.add(VerifyReport.Kind.FAILED_IMPORT, failed.folder(), failed.detail());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new VerifyReport(services.settings().database().display(), store.location(FileStore.Area.IMAGES), deep,
                photosets.count(), imageCount, services.tags().tagCount(), photosets.countActors(),
                checked[0], fine[0], notRegistered, layouts.size(),
                new VerifyReport.Thumbnails(store.location(FileStore.Area.THUMBNAILS), thumbs[0], thumbs[1], thumbs[2], thumbs[3], thumbs[4], thumbs[5]),
                problems.counts, problems.listed, problems.notListed, Math.round(seconds * 1000) / 1000.0);
    }

    /** @return true when the file is as recorded */
    private static boolean checkFile(FileStore store, ImageRegistry.FileRow row, boolean deep, Problems problems) {
        FileStore.Key key;
        try {
            key = FileStore.Area.IMAGES.key(row.relPath());
        } catch (IllegalArgumentException e) {
            problems.add(VerifyReport.Kind.MISSING_FILE, row.relPath(), "image " + row.id() + ": path outside the images folder");
            return false;
        }
        try {
            var stat = store.stat(key);
            if (stat.isEmpty()) {
                problems.add(VerifyReport.Kind.MISSING_FILE, row.relPath(), "image " + row.id() + ": file not found");
                return false;
            }
            if (stat.get().size() != row.bytes()) {
                problems.add(VerifyReport.Kind.SIZE_MISMATCH, row.relPath(), "image " + row.id() + ": " + stat.get().size()
                        + " bytes on disk, " + row.bytes() + " recorded");
                return false;
            }
            if (deep && !sha256(store, key).equals(row.sha256())) {
                problems.add(VerifyReport.Kind.CONTENT_MISMATCH, row.relPath(), "image " + row.id()
                        + ": SHA-256 differs from the one recorded");
                return false;
            }
            return true;
        } catch (NoSuchFileException e) {
            problems.add(VerifyReport.Kind.MISSING_FILE, row.relPath(), "image " + row.id() + ": file not found");
            return false;
        } catch (IOException | RuntimeException e) {
            problems.add(VerifyReport.Kind.MISSING_FILE, row.relPath(), "image " + row.id() + ": unreadable (" + e.getMessage() + ")");
            return false;
        }
    }

    /** One listing of the image's thumbnail folder rather than a look-up per size: one request on a bucket. */
    private static void countThumbnails(FileStore store, UUID id, long[] counts) {
        List<String> present;
        try {
            present = store.children(FileStore.Area.THUMBNAILS, id.toString());
        } catch (IOException e) {
            present = List.of();
        }
        int found = 0;
        for (int i = 0; i < THUMBNAIL_SIZES.size(); i++) {
            if (present.contains(THUMBNAIL_SIZES.get(i) + ".jpg")) {
                found++;
                counts[3 + i]++;
            }
        }
        counts[found == THUMBNAIL_SIZES.size() ? 0 : found > 0 ? 1 : 2]++;
    }

    private static String sha256(FileStore store, FileStore.Key key) throws IOException {
        try (InputStream in = new DigestInputStream(store.open(key), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static final class Problems {
        private final Map<String, Integer> counts = new TreeMap<>();
        private final List<VerifyReport.Problem> listed = new ArrayList<>();
        private int notListed;

        void add(VerifyReport.Kind kind, String path, String detail) {
            counts.merge(kind.key(), 1, Integer::sum);
            if (listed.size() < MAX_LISTED) {
                listed.add(new VerifyReport.Problem(kind, path, detail));
            } else {
                notListed++;
            }
        }
    }
}
