package org.gallery.migration.importer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gallery.migration.extract.ExtractedArchives;
import org.gallery.shared.Names;
import org.gallery.storage.FileStore;
import org.gallery.storage.SafeNames;

/**
 * What there is to import: the metadata files and the photoset folders, matched to each other. A metadata file
 * {@code X.json} belongs to the folder extract made of {@code X.zip} (same base name, made safe the same way);
 * failing that, to the folder named after its {@code original_filename}. Reads files only, never the database.
 */
final class ImportSources {

    /** Folders under IMAGES_DIR that are not photoset folders. */
    static final String UNSORTED = "_unsorted";

    enum Match {
        /** {@code X.json} and folder {@code X}. */
        BASE_NAME,
        /** The metadata's {@code original_filename} names the folder's archive. */
        ORIGINAL_FILENAME,
        /** A folder without metadata, or metadata without a folder. */
        NONE
    }

    /**
     * One photoset to import: a folder (on disk, or where extract would put the archive of a metadata file without
     * one) with its metadata file, if any.
     *
     * @param conflict why this unit cannot be imported, or null
     * @param note     something to tell about it (a malformed metadata file left out), or null
     */
    record Unit(String folder, boolean folderExists, MetadataFile metadata, Match match, String name, String conflict,
            String note) {
    }

    /** @param stored the photoset folders the file store has */
    record Scan(List<Unit> units, List<MetadataFile> malformed, int metadataFiles, boolean metadataFolderFound,
            Set<String> stored) {
    }

    private ImportSources() {
    }

    /**
     * @param plannedFolders folders that do not exist yet but that extract would create (a dry run), or empty
     */
    static Scan scan(Path metadataFolder, FileStore images, Collection<String> plannedFolders) throws IOException {
        List<MetadataFile> metadata = new ArrayList<>();
        boolean metadataFound = metadataFolder != null && Files.isDirectory(metadataFolder);
        if (metadataFound) {
            for (Path file : list(metadataFolder)) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".json")
                        && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    metadata.add(MetadataFile.read(file));
                }
            }
        }
        TreeSet<String> folders = new TreeSet<>(photosetFolders(images));
        Set<String> stored = Set.copyOf(folders);
        folders.addAll(plannedFolders);
        Scan matched = match(metadata, folders, stored, images);
        return new Scan(matched.units(), matched.malformed(), matched.metadataFiles(), metadataFound, stored);
    }

    /** Photoset folders in the images area: real folders (no links), not hidden, not {@value #UNSORTED}. */
    static List<String> photosetFolders(FileStore images) throws IOException {
        List<String> folders = new ArrayList<>();
        for (String child : images.children(FileStore.Area.IMAGES, "")) {
            String name = child.substring(0, child.length() - 1);
            if (child.endsWith("/") && !name.startsWith(".") && !name.equals(UNSORTED)) {
                folders.add(name);
            }
        }
        return folders;
    }

    private static Scan match(List<MetadataFile> metadata, TreeSet<String> folders, Set<String> onDisk,
            FileStore images) {
        Map<String, List<String>> byLowerCase = new HashMap<>();
        folders.forEach(f -> byLowerCase.computeIfAbsent(f.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f));
        Map<String, MetadataFile> claimed = new TreeMap<>();
        Map<String, Match> how = new HashMap<>();
        List<MetadataFile> valid = metadata.stream().filter(m -> !m.malformed()).toList();
        List<MetadataFile> malformed = metadata.stream().filter(MetadataFile::malformed).toList();
        List<MetadataFile> left = new ArrayList<>();
        for (MetadataFile m : valid) {
            String folder = find(SafeNames.folder(m.baseName()), folders, byLowerCase, claimed);
            if (folder != null) {
                claimed.put(folder, m);
                how.put(folder, Match.BASE_NAME);
            } else {
                left.add(m);
            }
        }
        List<MetadataFile> withoutFolder = new ArrayList<>();
        for (MetadataFile m : left) {
            String original = m.fields().originalFilename();
            String folder = original == null ? null
                    : find(SafeNames.folder(MetadataFile.baseName(lastSegment(original))), folders, byLowerCase, claimed);
            if (folder != null) {
                claimed.put(folder, m);
                how.put(folder, Match.ORIGINAL_FILENAME);
            } else {
                withoutFolder.add(m);
            }
        }
        Map<String, String> malformedByFolder = new HashMap<>();
        for (MetadataFile m : malformed) {
            String folder = find(SafeNames.folder(m.baseName()), folders, byLowerCase, claimed);
            if (folder != null) {
                malformedByFolder.putIfAbsent(folder, m.fileName());
            }
        }
        List<Unit> units = new ArrayList<>();
        for (String folder : folders) {
            MetadataFile m = claimed.get(folder);
            String note = m == null && malformedByFolder.containsKey(folder)
                    ? "its metadata file " + malformedByFolder.get(folder) + " is malformed; imported with the folder name alone"
                    : null;
            String name = m != null ? m.baseName() : nameOfFolder(folder, images, onDisk.contains(folder));
            units.add(new Unit(folder, true, m, m == null ? Match.NONE : how.get(folder), limit(name), null, note));
        }
        Map<String, MetadataFile> expected = new HashMap<>();
        for (MetadataFile m : withoutFolder) {
            String folder = SafeNames.folder(m.baseName());
            String conflict = null;
            if (claimed.containsKey(folder) || folders.contains(folder)) {
                conflict = "its folder " + folder + " already belongs to "
                        + (claimed.containsKey(folder) ? claimed.get(folder).fileName() : "another photoset");
            } else if (expected.containsKey(folder)) {
                conflict = "its folder " + folder + " would also be the folder of " + expected.get(folder).fileName();
            } else {
                expected.put(folder, m);
            }
            units.add(new Unit(folder, false, m, Match.NONE, limit(m.baseName()), conflict, null));
        }
        units.sort(java.util.Comparator.comparing(Unit::folder).thenComparing(u -> u.metadata() == null ? "" : u.metadata().fileName()));
        return new Scan(List.copyOf(units), malformed, metadata.size(), true, onDisk);
    }

    /** The folder for a wanted name: exactly it, or the one folder that differs only in case; unclaimed only. */
    private static String find(String wanted, TreeSet<String> folders, Map<String, List<String>> byLowerCase,
            Map<String, MetadataFile> claimed) {
        if (folders.contains(wanted)) {
            return claimed.containsKey(wanted) ? null : wanted;
        }
        List<String> sameIgnoringCase = byLowerCase.getOrDefault(wanted.toLowerCase(Locale.ROOT), List.of());
        if (sameIgnoringCase.size() == 1 && !claimed.containsKey(sameIgnoringCase.getFirst())) {
            return sameIgnoringCase.getFirst();
        }
        return null;
    }

    /**
     * A folder without metadata is named after its archive ({@code Summer: Trip.zip} made the folder
     * {@code Summer_ Trip}; the photoset is called {@code Summer: Trip}), else after the folder itself.
     */
    private static String nameOfFolder(String folder, FileStore images, boolean onDisk) {
        if (onDisk) {
            var archives = ExtractedArchives.in(images, folder);
            if (archives.size() == 1) {
                String stem = MetadataFile.baseName(archives.getFirst().fileName() + ".json")
                        .replaceFirst("(?i)\\.part0*1$", "");
                if (!stem.isBlank() && SafeNames.folder(stem).equals(folder)) {
                    return stem;
                }
            }
        }
        return folder;
    }

    private static String lastSegment(String path) {
        String s = path.replace('\\', '/');
        return s.substring(s.lastIndexOf('/') + 1);
    }

    private static String limit(String name) {
        String clean = Names.clean(name);
        return clean.codePointCount(0, clean.length()) <= MetadataFile.MAX_NAME ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, MetadataFile.MAX_NAME)).strip();
    }

    private static List<Path> list(Path folder) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(children::add);
        }
        children.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        return children;
    }
}
