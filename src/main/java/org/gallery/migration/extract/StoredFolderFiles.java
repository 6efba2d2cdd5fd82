package org.gallery.migration.extract;

import org.gallery.shared.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.gallery.storage.FileStore;
import org.gallery.storage.StorageUnavailableException;

/**
 * A photoset folder in the file store. Entries are staged in a local work folder, then each is stored under its
 * final name and read back: its SHA-256 must be the staged one, or the stored copy is removed and the archive fails.
 * The manifest is stored in the folder too ({@value ExtractManifest#FILE_NAME}), so a rerun from any machine
 * recognises finished work. The folder's files are listed once, with their sizes, when it is opened.
 */
final class StoredFolderFiles implements FolderFiles {

    private final FileStore store;
    private final String folder;
    private final Path staging;
    private final SortedMap<String, FileStore.Stat> listed;

    private StoredFolderFiles(FileStore store, String folder, Path staging, SortedMap<String, FileStore.Stat> listed) {
        this.store = store;
        this.folder = folder;
        this.staging = staging;
        this.listed = listed;
    }

    static StoredFolderFiles open(FileStore store, String folder, Path staging) throws IOException {
        return new StoredFolderFiles(store, folder, staging, store.files(FileStore.Area.IMAGES, folder));
    }

    @Override
    public Path workFolder() {
        return staging;
    }

    @Override
    public Set<String> names() {
        return new TreeSet<>(listed.keySet());
    }

    @Override
    public long size(String fileName) {
        FileStore.Stat stat = listed.get(fileName);
        return stat == null ? -1 : stat.size();
    }

    @Override
    public String sha256(String fileName) throws IOException {
        try (InputStream in = store.open(key(fileName))) {
            return Sha256.of(in);
        }
    }

    @Override
    public void placeStaged(StagingOutputStream.Staged staged, String fileName) throws IOException {
        FileStore.Key key = key(fileName);
        try {
            store.put(key, staged.temp());
            if (!sha256(fileName).equals(staged.sha256())) {
                store.delete(key);
                throw new TargetWriteException("the stored copy of " + describe() + "/" + fileName
                        + " differs from the extracted file; removed");
            }
        } catch (StorageUnavailableException e) {
            throw new TargetWriteException(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new TargetWriteException("cannot store " + describe() + "/" + fileName, e);
        } finally {
            Files.deleteIfExists(staged.temp());
        }
        listed.put(fileName, new FileStore.Stat(staged.size(), System.currentTimeMillis()));
    }

    @Override
    public ExtractManifest loadManifest() throws IOException {
        byte[] bytes;
        try {
            bytes = store.read(key(ExtractManifest.FILE_NAME));
        } catch (NoSuchFileException none) {
            return ExtractManifest.empty();
        }
        return ManifestFile.parse(bytes);
    }

    @Override
    public void saveManifest(ExtractManifest manifest) throws IOException {
        store.put(key(ExtractManifest.FILE_NAME), ManifestFile.bytes(manifest));
    }

    @Override
    public String describe() {
        return store.location(FileStore.Area.IMAGES) + "/" + folder;
    }

    private FileStore.Key key(String fileName) {
        return FileStore.Area.IMAGES.key(folder + "/" + fileName);
    }
}
