package org.gallery.migration.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gallery.migration.extract.ExtractManifest.FileRecord;

/**
 * One photoset folder while archives are extracted into it (on disk or in the file store, see {@link FolderFiles}):
 * its manifest, the names already taken and the hashes of the files already there. Placing a staged image either
 * gives it a free name, recognises it as a file a killed
 * run had already finished (same name, size and hash), or drops it as a duplicate.
 */
final class PhotosetFolderState {

    /**
     * Saving by time rather than per entry keeps the cost flat for archives with many thousands of entries (the
     * manifest grows with them); whatever a killed run did not record is recognised by name, size and hash.
     */
    private static final long SAVE_EVERY_MILLIS = 5_000;

    private final FolderFiles files;
    private final ExtractManifest manifest;
    private final Set<String> takenLowerCase = new HashSet<>();
    private final Map<String, String> fileBySha256 = new HashMap<>();
    private final boolean manifestWasDamaged;
    private int unsavedChanges;
    private long lastSave = System.currentTimeMillis();

    private PhotosetFolderState(FolderFiles files, ExtractManifest manifest, boolean manifestWasDamaged) throws IOException {
        this.files = files;
        this.manifest = manifest;
        this.manifestWasDamaged = manifestWasDamaged;
        files.names().forEach(name -> takenLowerCase.add(lower(name)));
        takenLowerCase.addAll(manifest.files().keySet().stream().map(PhotosetFolderState::lower).toList());
        manifest.files().forEach((name, file) -> fileBySha256.putIfAbsent(file.sha256(), name));
    }

    /** Reads the folder's manifest and the names taken in it. */
    static PhotosetFolderState open(FolderFiles files) throws IOException {
        ExtractManifest loaded = files.loadManifest();
        return loaded == null
                ? new PhotosetFolderState(files, ExtractManifest.empty(), true)
                : new PhotosetFolderState(files, loaded, false);
    }

    /** Where entries are staged before they are placed. */
    Path workFolder() {
        return files.workFolder();
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
        return files.size(fileName) == record.size();
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
                if (sameContent(candidate, staged)) {
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
        files.placeStaged(staged, fileName);
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
            files.saveManifest(manifest);
        } catch (IOException e) {
            throw new TargetWriteException("cannot save " + files.describe() + "/" + ExtractManifest.FILE_NAME, e);
        } catch (RuntimeException e) {
            // the store could not be reached
            throw new TargetWriteException("cannot save " + files.describe() + "/" + ExtractManifest.FILE_NAME
                    + ": " + e.getMessage());
        }
        unsavedChanges = 0;
        lastSave = System.currentTimeMillis();
    }

    private boolean sameContent(String existing, StagingOutputStream.Staged staged) throws IOException {
        return files.size(existing) == staged.size() && files.sha256(existing).equals(staged.sha256());
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
