package org.gallery.migration.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gallery.migration.extract.ExtractManifest.FileRecord;

/**
 * One photoset folder while archives are extracted into it: its manifest, the names already taken and the hashes of
 * the files already there. Placing a staged image either renames it to a free name, recognises it as a file a killed
 * run had already finished (same name, size and hash), or drops it as a duplicate.
 */
final class PhotosetFolderState {

    /**
     * Saving by time rather than per entry keeps the cost flat for archives with many thousands of entries (the
     * manifest grows with them); whatever a killed run did not record is recognised by name, size and hash.
     */
    private static final long SAVE_EVERY_MILLIS = 5_000;

    private final Path folder;
    private final ExtractManifest manifest;
    private final Set<String> takenLowerCase = new HashSet<>();
    private final Map<String, String> fileBySha256 = new HashMap<>();
    private final boolean manifestWasDamaged;
    private int unsavedChanges;
    private long lastSave = System.currentTimeMillis();

    private PhotosetFolderState(Path folder, ExtractManifest manifest, boolean manifestWasDamaged) throws IOException {
        this.folder = folder;
        this.manifest = manifest;
        this.manifestWasDamaged = manifestWasDamaged;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                takenLowerCase.add(lower(child.getFileName().toString()));
            }
        }
        takenLowerCase.addAll(manifest.files().keySet().stream().map(PhotosetFolderState::lower).toList());
        manifest.files().forEach((name, file) -> fileBySha256.putIfAbsent(file.sha256(), name));
    }

    /** Creates the folder if needed, removes temporary files a killed run left behind, and reads the manifest. */
    static PhotosetFolderState open(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, StagingOutputStream.TEMP_PREFIX + "*")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
        ExtractManifest loaded = ManifestFile.load(folder);
        return loaded == null
                ? new PhotosetFolderState(folder, ExtractManifest.empty(), true)
                : new PhotosetFolderState(folder, loaded, false);
    }

    Path folder() {
        return folder;
    }

    ExtractManifest manifest() {
        return manifest;
    }

    /** True when an unreadable manifest was set aside; files on disk are then recognised by name, size and hash. */
    boolean manifestWasDamaged() {
        return manifestWasDamaged;
    }

    /** Whether a file the manifest lists is still there with the size it was written with. */
    boolean isPresent(String fileName) {
        FileRecord record = manifest.files().get(fileName);
        if (record == null) {
            return false;
        }
        Path path = folder.resolve(fileName);
        try {
            return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Files.size(path) == record.size();
        } catch (IOException e) {
            return false;
        }
    }

    /** What became of a staged image. */
    record Placement(String fileName, Kind kind) {
        enum Kind {
            /** A new file, renamed into place. */
            WRITTEN,
            /** The file was already there from an interrupted run: same name, size and hash. */
            RECOGNISED,
            /** The photoset already has these bytes under another name. */
            DUPLICATE
        }
    }

    /** Gives the staged image its final name, or drops it; the temporary file never outlives this call. */
    Placement place(StagingOutputStream.Staged staged, String wantedName) throws IOException {
        Placement placement = null;
        try {
            placement = placeStaged(staged, wantedName);
            return placement;
        } finally {
            if (placement == null || placement.kind() != Placement.Kind.WRITTEN) {
                Files.deleteIfExists(staged.temp());   // renamed away when written; dropped otherwise
            }
        }
    }

    private Placement placeStaged(StagingOutputStream.Staged staged, String wantedName) throws IOException {
        String known = fileBySha256.get(staged.sha256());
        if (known != null) {
            if (isPresent(known)) {
                return new Placement(known, Placement.Kind.DUPLICATE);
            }
            // listed but deleted or damaged since: put the bytes back under the name they had
            moveIntoPlace(staged, known);
            return new Placement(known, Placement.Kind.WRITTEN);
        }
        for (int n = 1; ; n++) {
            String candidate = n == 1 ? wantedName : ImageFileNames.numbered(wantedName, n);
            if (manifest.files().containsKey(candidate)) {
                continue;
            }
            if (takenLowerCase.contains(lower(candidate))) {
                if (sameContent(folder.resolve(candidate), staged)) {
                    remember(candidate, staged);
                    return new Placement(candidate, Placement.Kind.RECOGNISED);
                }
                continue;
            }
            moveIntoPlace(staged, candidate);
            return new Placement(candidate, Placement.Kind.WRITTEN);
        }
    }

    private void moveIntoPlace(StagingOutputStream.Staged staged, String fileName) throws IOException {
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
        remember(fileName, staged);
    }

    private void remember(String fileName, StagingOutputStream.Staged staged) {
        takenLowerCase.add(lower(fileName));
        manifest.files().put(fileName, new FileRecord(staged.size(), staged.sha256()));
        fileBySha256.put(staged.sha256(), fileName);
        unsavedChanges++;
    }

    void changed() {
        unsavedChanges++;
    }

    /** Saves now and then during a long archive, so a killed run loses little of its bookkeeping. */
    void saveIfDue(Runnable beforeSave) throws IOException {
        if (unsavedChanges > 0 && System.currentTimeMillis() - lastSave >= SAVE_EVERY_MILLIS) {
            beforeSave.run();
            save();
        }
    }

    /** Saves when anything changed; an untouched photoset is left untouched, manifest included. */
    void save() throws IOException {
        if (unsavedChanges == 0 && !manifestWasDamaged) {
            return;
        }
        try {
            ManifestFile.save(folder, manifest);
        } catch (IOException e) {
            throw new TargetWriteException("cannot save " + folder.resolve(ExtractManifest.FILE_NAME), e);
        }
        unsavedChanges = 0;
        lastSave = System.currentTimeMillis();
    }

    private static boolean sameContent(Path existing, StagingOutputStream.Staged staged) throws IOException {
        if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS) || Files.size(existing) != staged.size()) {
            return false;
        }
        return sha256(existing).equals(staged.sha256());
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
