package org.gallery.migration.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gallery.migration.StepProgress;
import org.gallery.storage.FileStore;

/**
 * Copies every stored file (originals, thumbnails, crops, finished exports) from one store to another under the same path, and checks
 * each copy by reading it back: its SHA-256 must be the source's. A file already at the target with the same bytes
 * is left as it is, so a run that was interrupted (or one run twice) only does what is left. The source is never
 * changed.
 */
final class StorageMove {

    record Summary(long files, long copied, long alreadyThere, long bytesCopied, List<String> failed) {
    }

    private final FileStore from;
    private final FileStore to;
    private final boolean dryRun;

    StorageMove(FileStore from, FileStore to, boolean dryRun) {
        this.from = from;
        this.to = to;
        this.dryRun = dryRun;
    }

    Summary run(StepProgress progress) throws IOException {
        long files = 0;
        long copied = 0;
        long alreadyThere = 0;
        long bytes = 0;
        List<String> failed = new ArrayList<>();
        for (FileStore.Area area : FileStore.Area.values()) {
            List<String> paths = from.list(area, "");
            String name = area.name().toLowerCase(java.util.Locale.ROOT);
            progress.start((dryRun ? "Checking " : "Copying ") + name, paths.size(), "files");
            for (String path : paths) {
                files++;
                FileStore.Key key = area.key(path);
                try {
                    long size = from.stat(key).map(FileStore.Stat::size).orElse(-1L);
                    if (size < 0) {
                        // deleted by the running service meanwhile: nothing to move
                        progress.step(1);
                        continue;
                    }
                    if (sameAtTarget(key, size)) {
                        alreadyThere++;
                    } else if (dryRun) {
                        copied++;
                        bytes += size;
                    } else {
                        copy(key);
                        copied++;
                        bytes += size;
                    }
                } catch (IOException | RuntimeException e) {
                    failed.add(name + "/" + path + ": " + e.getMessage());
                    progress.note("failed: " + name + "/" + path + ": " + e.getMessage());
                }
                progress.step(1);
            }
            progress.finish(name + ": " + paths.size() + " files");
        }
        return new Summary(files, copied, alreadyThere, bytes, failed);
    }

    /** True when the target holds exactly the source's bytes (same size, same SHA-256). */
    private boolean sameAtTarget(FileStore.Key key, long size) throws IOException {
        var there = to.stat(key);
        if (there.isEmpty() || there.get().size() != size) {
            return false;
        }
        return Arrays.equals(sha256(from, key), sha256(to, key));
    }

    private void copy(FileStore.Key key) throws IOException {
        Path temp = to.newTempFile();
        try {
            MessageDigest digest = newDigest();
            try (InputStream in = new DigestInputStream(from.open(key), digest);
                 OutputStream out = Files.newOutputStream(temp)) {
                in.transferTo(out);
            }
            byte[] expected = digest.digest();
            to.put(key, temp);
            if (!Arrays.equals(expected, sha256(to, key))) {
                to.delete(key);
                throw new IOException("the copy read back differs from the source; removed it");
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] sha256(FileStore store, FileStore.Key key) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(store.open(key), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return digest.digest();
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
