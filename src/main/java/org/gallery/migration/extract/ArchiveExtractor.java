package org.gallery.migration.extract;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gallery.config.Settings.ArchiveLimits;
import org.gallery.storage.FileStore;
import org.gallery.storage.StorageUnavailableException;

/**
 * The {@code migrate extract} step: every archive in the archives folder becomes a photoset folder under the images
 * folder, holding only its images. A broken or hostile archive is reported and the others go on. Safe to interrupt
 * at any point and to run again: finished work is recognised, never repeated or duplicated.
 */
public final class ArchiveExtractor {

    /** Held while a run works in an images folder, so two runs never race on the same photoset folders. */
    static final String LOCK_FILE = ".gallery-extract.lock";

    private final ArchiveLimits limits;
    private final ExternalTools tools;

    public ArchiveExtractor(ArchiveLimits limits) {
        this(limits, ExternalTools.fromEnvironment());
    }

    ArchiveExtractor(ArchiveLimits limits, ExternalTools tools) {
        this.limits = limits;
        this.tools = tools;
    }

    public ExtractionSummary extractAll(Path archivesFolder, Path imagesFolder, ExtractionProgress progress)
            throws IOException {
        return extractAll(archivesFolder, PhotosetFolders.onDisk(imagesFolder), progress);
    }

    /**
     * Extracts into the file store's photoset folders: in place when its images lie in a local folder, otherwise
     * staged in {@code work} and stored entry by entry.
     */
    public ExtractionSummary extractAll(Path archivesFolder, FileStore store, Path work, ExtractionProgress progress)
            throws IOException {
        return extractAll(archivesFolder, PhotosetFolders.of(store, work), progress);
    }

    private ExtractionSummary extractAll(Path archivesFolder, PhotosetFolders folders, ExtractionProgress progress)
            throws IOException {
        if (!Files.isDirectory(archivesFolder)) {
            throw new IOException("archives folder " + archivesFolder + " does not exist");
        }
        Path lockFolder = folders.lockFolder();
        List<ArchiveFiles.Candidate> archives = ArchiveFiles.list(archivesFolder);
        List<ArchiveResult> results = new ArrayList<>();
        try (FileChannel lockFile = FileChannel.open(lockFolder.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(lockFile, folders.location())) {
            int position = 0;
            for (ArchiveFiles.Candidate archive : archives) {
                progress.archiveStarted(archive.fileName(), ++position, archives.size());
                ArchiveResult result = extractOne(archive, folders, progress);
                progress.archiveFinished(result);
                results.add(result);
            }
        }
        return ExtractionSummary.of(archivesFolder.toString(), folders.location(), results);
    }

    private ArchiveResult extractOne(ArchiveFiles.Candidate archive, PhotosetFolders folders, ExtractionProgress progress) {
        FolderFiles files;
        try {
            files = folders.open(archive.photosetFolder());
        } catch (PhotosetFolders.RefusedException e) {
            return failed(archive, e.getMessage());
        } catch (StorageUnavailableException e) {
            throw e;   // every other archive would fail the same way: the run stops with the reason
        } catch (IOException | RuntimeException e) {
            return failed(archive, "cannot extract into " + folders.location() + "/" + archive.photosetFolder() + ": "
                    + CheckedCopy.describe(e));
        }
        try {
            PhotosetFolderState state = PhotosetFolderState.open(files);
            return new ArchiveExtraction(archive, readerFor(archive), state, limits, progress).run();
        } catch (IOException | RuntimeException e) {
            return failed(archive, "cannot extract into " + files.describe() + ": " + CheckedCopy.describe(e));
        }
    }

    private ArchiveReader readerFor(ArchiveFiles.Candidate archive) {
        return readerFor(archive, tools);
    }

    static ArchiveReader readerFor(ArchiveFiles.Candidate archive, ExternalTools tools) {
        return switch (archive.format()) {
            case ZIP -> new ZipArchiveReader();
            case RAR -> new RarArchiveReader(new JunrarReader(), tools);
        };
    }

    private static ArchiveResult failed(ArchiveFiles.Candidate archive, String reason) {
        return new ArchiveResult(archive.fileName(), archive.photosetFolder(), ArchiveResult.Status.FAILED,
                0, 0, Map.of(), 0, 0, 0, List.of(), reason);
    }

    private static FileLock tryLock(FileChannel channel, String images) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException("another extract is already running in " + images);
        }
        return lock;
    }
}
