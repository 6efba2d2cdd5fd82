package org.gallery.migration.extract;

import org.gallery.shared.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;

/** A photoset folder on the local disk: entries are staged inside it and renamed into place. */
final class DiskFolderFiles implements FolderFiles {

    private final Path folder;

    DiskFolderFiles(Path folder) {
        this.folder = folder;
    }

    /** Creates the folder if needed and removes temporary files a killed run left behind. */
    static DiskFolderFiles open(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, StagingOutputStream.TEMP_PREFIX + "*")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
        return new DiskFolderFiles(folder);
    }

    @Override
    public Path workFolder() {
        return folder;
    }

    @Override
    public Set<String> names() throws IOException {
        Set<String> names = new HashSet<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            children.forEach(child -> names.add(child.getFileName().toString()));
        }
        return names;
    }

    @Override
    public long size(String fileName) {
        Path path = folder.resolve(fileName);
        try {
            return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Files.size(path) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String sha256(String fileName) throws IOException {
        try (InputStream in = Files.newInputStream(folder.resolve(fileName), LinkOption.NOFOLLOW_LINKS)) {
            return Sha256.of(in);
        }
    }

    @Override
    public void placeStaged(StagingOutputStream.Staged staged, String fileName) throws IOException {
        Path target = folder.resolve(fileName);
        if (!folder.equals(target.getParent())) {
            // SafeNames makes this impossible; checked again because this is the one place that writes a final name
            throw new IllegalStateException("refusing to write outside the photoset folder: " + fileName);
        }
        try {
            Files.move(staged.temp(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TargetWriteException("cannot rename into " + target, e);
        }
    }

    @Override
    public ExtractManifest loadManifest() throws IOException {
        return ManifestFile.load(folder);
    }

    @Override
    public void saveManifest(ExtractManifest manifest) throws IOException {
        ManifestFile.save(folder, manifest);
    }

    @Override
    public String describe() {
        return folder.toString();
    }
}
