package org.gallery.migration.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * The {@code migrate verify} step. Reads the database and the disk, changes nothing: every image row has its file
 * (with {@code deep}: the same size and SHA-256), no file lies in IMAGES_DIR that nothing knows, every photoset with
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
        var settings = services.settings();
        Path images = settings.storage().images().toAbsolutePath().normalize();
        Path thumbnails = settings.storage().thumbnails().toAbsolutePath().normalize();
        PhotosetService photosets = services.photosets();
        ImageRegistry imageService = services.registry();
        MigrationJournal journal = services.journal();
        boolean journalAvailable = journal.available();
        var problems = new Problems();

        long imageCount = imageService.count();
        long[] fine = new long[1];
        long[] checked = new long[1];
        long[] thumbs = new long[6];   // complete, partial, none, small, medium, large
        boolean anyThumbnails = hasChildren(thumbnails);
        progress.start(deep ? "verify: image files (size and SHA-256)" : "verify: image files", imageCount, "images");
        imageService.forEachFile(row -> {
            checked[0]++;
            if (checkFile(images, row, deep, problems)) {
                fine[0]++;
            }
            if (anyThumbnails) {
                countThumbnails(thumbnails.resolve(row.id().toString()), thumbs);
            } else {
                thumbs[2]++;
            }
            progress.step(1);
        });
        progress.finish(fine[0] + " of " + checked[0] + " files fine");

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
            if (rows > 0 && !Files.isDirectory(images.resolve(layout.folder()), LinkOption.NOFOLLOW_LINKS)) {
                problems.add(VerifyReport.Kind.MISSING_FOLDER, layout.folder(), "photoset '" + layout.name()
                        + "' has " + rows + " images but no folder");
            }
        }

        long notRegistered = 0;
        List<Path> folders = new ArrayList<>();
        if (Files.isDirectory(images)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(images)) {
                for (Path child : children) {
                    String name = child.getFileName().toString();
                    if (name.startsWith(".")) {
                        continue;
                    }
                    if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                        folders.add(child);
                    } else {
                        problems.add(VerifyReport.Kind.UNKNOWN_FILE, name, "a file directly in the images folder");
                    }
                }
            }
        }
        folders.sort(null);
        progress.start("verify: files on disk", folders.size(), "folders");
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            boolean owned = photosetFolders.contains(name) || name.equals("_unsorted");
            Map<String, Boolean> onDisk = new java.util.TreeMap<>();   // relative path -> is a folder
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                for (Path file : files) {
                    String fileName = file.getFileName().toString();
                    if (!fileName.startsWith(".") && !ExtractedArchives.isBookkeeping(fileName)) {
                        onDisk.put(name + "/" + fileName, Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS));
                    }
                }
            }
            if (!owned && !onDisk.isEmpty()) {
                // an empty one (an archive that gave no image) disagrees with nothing
                problems.add(VerifyReport.Kind.FOLDER_WITHOUT_PHOTOSET, name, "no photoset has its files here (not imported yet?)");
            }
            // exact look-ups by path (a unique index), in batches: no pattern matching over the whole table
            Set<String> known = imageService.findByRelPaths(onDisk.keySet()).keySet();
            Map<String, String> rejected = journalAvailable && known.size() < onDisk.size() ? journal.rejectedIn(name) : Map.of();
            for (var entry : onDisk.entrySet()) {
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
        return new VerifyReport(services.settings().database().display(), images.toString(), deep,
                photosets.count(), imageCount, services.tags().tagCount(), photosets.countActors(),
                checked[0], fine[0], notRegistered, layouts.size(),
                new VerifyReport.Thumbnails(thumbnails.toString(), thumbs[0], thumbs[1], thumbs[2], thumbs[3], thumbs[4], thumbs[5]),
                problems.counts, problems.listed, problems.notListed, Math.round(seconds * 1000) / 1000.0);
    }

    /** @return true when the file is as recorded */
    private static boolean checkFile(Path images, ImageRegistry.FileRow row, boolean deep, Problems problems) {
        Path file;
        try {
            file = images.resolve(row.relPath()).normalize();
            if (!file.startsWith(images)) {
                problems.add(VerifyReport.Kind.MISSING_FILE, row.relPath(), "image " + row.id() + ": path outside the images folder");
                return false;
            }
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                problems.add(VerifyReport.Kind.MISSING_FILE, row.relPath(), "image " + row.id() + ": not a regular file");
                return false;
            }
            if (attributes.size() != row.bytes()) {
                problems.add(VerifyReport.Kind.SIZE_MISMATCH, row.relPath(), "image " + row.id() + ": " + attributes.size()
                        + " bytes on disk, " + row.bytes() + " recorded");
                return false;
            }
            if (deep && !sha256(file).equals(row.sha256())) {
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

    private static void countThumbnails(Path folder, long[] counts) {
        int present = 0;
        for (int i = 0; i < THUMBNAIL_SIZES.size(); i++) {
            if (Files.isRegularFile(folder.resolve(THUMBNAIL_SIZES.get(i) + ".jpg"))) {
                present++;
                counts[3 + i]++;
            }
        }
        counts[present == THUMBNAIL_SIZES.size() ? 0 : present > 0 ? 1 : 2]++;
    }

    private static boolean hasChildren(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            return children.iterator().hasNext();
        } catch (IOException e) {
            return true;
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
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
