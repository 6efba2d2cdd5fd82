package org.gallery.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gallery.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Files in folders: IMAGES_DIR, THUMBNAILS_DIR and CROPS_DIR, each file replaced by an atomic rename. */
class LocalFileStore implements FileStore {

    private static final Logger log = LoggerFactory.getLogger(LocalFileStore.class);

    private final Map<Area, Path> roots = new EnumMap<>(Area.class);
    private final Path temp;

    LocalFileStore(Settings.StoragePaths paths) {
        roots.put(Area.IMAGES, paths.images().toAbsolutePath().normalize());
        roots.put(Area.THUMBNAILS, paths.thumbnails().toAbsolutePath().normalize());
        roots.put(Area.CROPS, paths.crops().toAbsolutePath().normalize());
        roots.put(Area.EXPORTS, paths.archives().resolve("exports").toAbsolutePath().normalize());
        this.temp = paths.temp().toAbsolutePath().normalize();
    }

    @Override
    public Path newTempFile() throws IOException {
        Files.createDirectories(temp);
        return StorageFiles.newTempFile(temp, "upload-", ".part");
    }

    @Override
    public String store(Path completeTempFile, String folder, String fileName) throws IOException {
        Path dir = file(Area.IMAGES.key(folder));
        Files.createDirectories(dir);
        String stem = SafeNames.stem(fileName);
        String ext = SafeNames.extension(fileName);
        int folderGone = 0;
        for (int n = 1; n < 100_000; n++) {
            String candidate = n == 1 ? fileName : stem + "_" + n + ext;
            Path target = dir.resolve(candidate);
            try {
                // createFile reserves the name atomically; the rename then replaces the empty placeholder
                Files.createFile(target);
            } catch (FileAlreadyExistsException taken) {
                continue;
            } catch (NoSuchFileException gone) {
                // the emptied folder of a deleted photoset was removed between createDirectories and here
                if (++folderGone > 3) {
                    throw gone;
                }
                Files.createDirectories(dir);
                n--;
                continue;
            }
            try {
                Files.move(completeTempFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(target);
                throw e;
            }
            return folder + "/" + candidate;
        }
        throw new IOException("No free file name for " + fileName + " in " + folder);
    }

    @Override
    public void put(Key key, byte[] bytes) throws IOException {
        StorageFiles.writeAtomically(file(key), bytes);
    }

    @Override
    public void put(Key key, Path completeTempFile) throws IOException {
        Path target = file(key);
        Files.createDirectories(target.getParent());
        try {
            Files.move(completeTempFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException otherDisk) {
            Path beside = StorageFiles.newTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.copy(completeTempFile, beside, StandardCopyOption.REPLACE_EXISTING);
                Files.move(beside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.delete(completeTempFile);
            } finally {
                Files.deleteIfExists(beside);
            }
        }
    }

    @Override
    public ResumableWrite openResumableWrite(Key key, String state) throws IOException {
        return new LocalResumableWrite(this, key, file(key), state);
    }

    @Override
    public void abortResumableWrites(Key key) {
        try {
            Files.deleteIfExists(LocalResumableWrite.partFile(file(key)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the unfinished " + key, e);
        }
    }

    @Override
    public Optional<Stat> stat(Key key) {
        try {
            var a = Files.readAttributes(file(key), BasicFileAttributes.class);
            return a.isRegularFile() ? Optional.of(new Stat(a.size(), a.lastModifiedTime().toMillis())) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(Key key, long offset, long length) throws IOException {
        return Ranges.open(file(key), offset, length);
    }

    @Override
    public LocalFile local(Key key) throws IOException {
        Path path = file(key);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(key.area().prefix() + "/" + key.path());
        }
        return new LocalFile() {
            @Override
            public Path path() {
                return path;
            }

            @Override
            public void close() {
                // the stored file itself: nothing to drop
            }
        };
    }

    @Override
    public Optional<Path> localIfPresent(Key key) {
        Path path = file(key);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public void delete(Key key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", key, e.getMessage());
        }
    }

    @Override
    public void deleteAll(Area area, String folder) {
        Path dir = file(area.key(folder));
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    @Override
    public List<String> list(Area area, String folder) throws IOException {
        Path root = roots.get(area);
        Path dir = folder.isEmpty() ? root : file(area.key(folder));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path p, java.nio.file.attribute.BasicFileAttributes attrs) {
                // work files of an unfinished write (and exports being written) start with a dot; stored names never do
                if (attrs.isRegularFile() && !p.getFileName().toString().startsWith(".")) {
                    found.add(root.relativize(p).toString().replace('\\', '/'));
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
                // a work file renamed or removed by a concurrent write while the folder was read
                if (e instanceof NoSuchFileException) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        found.sort(null);
        return found;
    }

    @Override
    public List<String> children(Area area, String folder) throws IOException {
        Path dir = folder.isEmpty() ? roots.get(area) : file(area.key(folder));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try (var entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".")) {
                    found.add(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name);
                }
            }
        }
        found.sort(null);
        return found;
    }

    @Override
    public SortedMap<String, Stat> files(Area area, String folder) throws IOException {
        Path dir = folder.isEmpty() ? roots.get(area) : file(area.key(folder));
        SortedMap<String, Stat> found = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (var entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                try {
                    var a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()) {
                        found.put(name, new Stat(a.size(), a.lastModifiedTime().toMillis()));
                    }
                } catch (NoSuchFileException gone) {
                    // removed while the folder was read
                }
            }
        }
        return found;
    }

    @Override
    public Optional<Path> localFolder(Area area) {
        return Optional.of(roots.get(area));
    }

    @Override
    public String location(Area area) {
        return roots.get(area).toString();
    }

    @Override
    public void deleteFolderIfEmpty(String folder) {
        try {
            Files.deleteIfExists(file(Area.IMAGES.key(folder)));
        } catch (DirectoryNotEmptyException | NoSuchFileException ignored) {
            // still in use, or already gone
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Health health() {
        boolean writable;
        try {
            Files.createDirectories(temp);
            Path probe = Files.createTempFile(temp, "health-", ".tmp");
            Files.delete(probe);
            writable = true;
        } catch (IOException e) {
            writable = false;
        }
        long free;
        try {
            free = Files.getFileStore(roots.get(Area.IMAGES)).getUsableSpace();
        } catch (IOException e) {
            free = -1;
        }
        return new Health("local", writable, writable, free);
    }

    private Path file(Key key) {
        Path root = roots.get(key.area());
        Path path = root.resolve(key.path()).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("Path escapes the store: " + key.path());
        }
        return path;
    }
}
