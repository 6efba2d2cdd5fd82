package org.gallery.migration.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gallery.config.Settings.ArchiveLimits;
import org.gallery.imaging.ImageFormat;
import org.gallery.migration.extract.ExtractManifest.ArchiveRecord;
import org.gallery.migration.extract.ExtractManifest.EntryRecord;
import org.gallery.storage.FileStore;

/**
 * What {@code extract} would do, found out without writing anything anywhere: every archive is read as a real run
 * reads it (limits, checksums, image recognition by content), but the bytes go nowhere. Photoset folders and their
 * manifests are only read, so finished work is recognised as a real run would recognise it. The result has the
 * shape of a real run's summary; "written" means "would be written".
 */
public final class ExtractionPlanner {

    private final ArchiveLimits limits;
    private final ExternalTools tools;

    public ExtractionPlanner(ArchiveLimits limits) {
        this(limits, ExternalTools.fromEnvironment());
    }

    ExtractionPlanner(ArchiveLimits limits, ExternalTools tools) {
        this.limits = limits;
        this.tools = tools;
    }

    public ExtractionSummary plan(Path archivesFolder, Path imagesFolder, ExtractionProgress progress) throws IOException {
        return plan(archivesFolder, PhotosetFolders.onDisk(imagesFolder), progress);
    }

    /** Plans an extraction into the file store's photoset folders, reading them as {@link ArchiveExtractor} would. */
    public ExtractionSummary plan(Path archivesFolder, FileStore store, Path work, ExtractionProgress progress)
            throws IOException {
        return plan(archivesFolder, PhotosetFolders.of(store, work), progress);
    }

    private ExtractionSummary plan(Path archivesFolder, PhotosetFolders images, ExtractionProgress progress)
            throws IOException {
        if (!Files.isDirectory(archivesFolder)) {
            throw new IOException("archives folder " + archivesFolder + " does not exist");
        }
        List<ArchiveFiles.Candidate> archives = ArchiveFiles.list(archivesFolder);
        List<ArchiveResult> results = new java.util.ArrayList<>();
        Map<String, FolderView> folders = new TreeMap<>();
        int position = 0;
        for (ArchiveFiles.Candidate archive : archives) {
            progress.archiveStarted(archive.fileName(), ++position, archives.size());
            ArchiveResult result = planOne(archive, images, folders, progress);
            progress.archiveFinished(result);
            results.add(result);
        }
        return ExtractionSummary.of(archivesFolder.toString(), images.location(), results);
    }

    private ArchiveResult planOne(ArchiveFiles.Candidate archive, PhotosetFolders images, Map<String, FolderView> folders,
            ExtractionProgress progress) {
        var tally = new ArchiveTally(archive.fileName(), archive.photosetFolder(), progress);
        String folder = images.location() + "/" + archive.photosetFolder();
        try {
            FolderView view = folders.get(archive.photosetFolder());
            if (view == null) {
                view = FolderView.read(images.view(archive.photosetFolder()));
                folders.put(archive.photosetFolder(), view);
            }
            if (view.damaged) {
                tally.warn("the extraction manifest is unreadable and would be rebuilt; existing files would be kept");
            }
            return new Plan(archive, view, tally).run();
        } catch (PhotosetFolders.RefusedException e) {
            tally.fail(e.getMessage());
            return tally.result(ArchiveResult.Status.FAILED, 0);
        } catch (IOException | RuntimeException e) {
            tally.fail("cannot read " + folder + ": " + CheckedCopy.describe(e));
            return tally.result(ArchiveResult.Status.FAILED, 0);
        }
    }

    /** A photoset folder as it is on disk now, plus what earlier archives of this plan would add to it. */
    private static final class FolderView {
        private final FolderFiles folder;
        private final ExtractManifest manifest;
        private final boolean damaged;
        private final Set<String> presentShas = new HashSet<>();

        private FolderView(FolderFiles folder, ExtractManifest manifest, boolean damaged) {
            this.folder = folder;
            this.manifest = manifest;
            this.damaged = damaged;
            manifest.files().forEach((name, file) -> {
                if (isPresent(name)) {
                    presentShas.add(file.sha256());
                }
            });
        }

        static FolderView read(FolderFiles folder) throws IOException {
            ExtractManifest loaded = folder.loadManifest();
            return loaded == null ? new FolderView(folder, ExtractManifest.empty(), true) : new FolderView(folder, loaded, false);
        }

        boolean isPresent(String fileName) {
            var record = manifest.files().get(fileName);
            return record != null && folder.size(fileName) == record.size();
        }
    }

    /** One archive read as {@link ArchiveExtraction} reads it, counting instead of writing. */
    private final class Plan implements EntryVisitor {
        private final ArchiveFiles.Candidate archive;
        private final FolderView folder;
        private final ArchiveTally tally;
        private final ByteBudget budget = new ByteBudget(limits);
        private final Map<Integer, EntryRecord> records = new TreeMap<>();
        private int entriesSeen;

        Plan(ArchiveFiles.Candidate archive, FolderView folder, ArchiveTally tally) {
            this.archive = archive;
            this.folder = folder;
            this.tally = tally;
        }

        ArchiveResult run() throws IOException {
            long size = Files.size(archive.path());
            long modified = Files.getLastModifiedTime(archive.path()).toMillis();
            ArchiveRecord previous = folder.manifest.archives().get(archive.fileName());
            if (previous != null && previous.size() == size && previous.modified() == modified) {
                previous.entries().forEach(r -> records.put(r.index(), r));
                if (previous.complete() && records.values().stream().allMatch(this::stillValid)) {
                    records.values().forEach(tally::countFinished);
                    return tally.result(ArchiveResult.Status.UNCHANGED, 0);
                }
            }
            boolean complete = false;
            try {
                ArchiveExtractor.readerFor(archive, tools).read(archive.path(), this);
                complete = true;
            } catch (LimitExceededException | UnreadableArchiveException e) {
                tally.fail(e.getMessage());
            } catch (IOException | RuntimeException e) {
                tally.fail("cannot read the archive: " + CheckedCopy.describe(e));
            }
            if (complete && entriesSeen == 0) {
                tally.warn("the archive is empty");
            }
            return tally.result(ArchiveResult.Status.EXTRACTED, budget.total());
        }

        @Override
        public void begin(int entryCount) throws IOException {
            if (entryCount > limits.maxEntries()) {
                throw LimitExceededException.tooManyEntries(limits);
            }
        }

        @Override
        public void visit(EntryHeader header, EntryContent content) throws IOException {
            if (++entriesSeen > limits.maxEntries()) {
                throw LimitExceededException.tooManyEntries(limits);
            }
            String name = header.name();
            EntryRecord earlier = records.get(header.index());
            if (earlier != null && earlier.name().equals(name) && stillValid(earlier)) {
                tally.countFinished(earlier);
                return;
            }
            if (header.kind() == EntryHeader.Kind.DIRECTORY) {
                return;
            }
            ArchiveExtraction.Skip skip = ArchiveExtraction.judgeHeader(header, name, limits);
            if (skip != null) {
                tally.skipped(skip.reason(), name, skip.detail());
                return;
            }
            var sink = new CountingSink(budget.forEntry(content::compressedBytesRead));
            try {
                content.copyTo(sink);
                String sha = sink.finish();
                if (folder.presentShas.contains(sha)) {
                    tally.skipped(SkipReason.DUPLICATE, name, null);
                } else {
                    folder.presentShas.add(sha);
                    tally.written(sink.size);
                }
            } catch (NotAnImageException e) {
                tally.skipped(SkipReason.NOT_IMAGE, name, null);
            } catch (LimitExceededException e) {
                if (e.scope() == LimitExceededException.Scope.ARCHIVE) {
                    throw e;
                }
                tally.skipped(SkipReason.TOO_LARGE, name, e.getMessage());
            } catch (UnreadableArchiveException e) {
                throw e;
            } catch (IOException e) {
                tally.entryFailed(name, e.getMessage());
            }
        }

        private boolean stillValid(EntryRecord entry) {
            return entry.file() == null || folder.isPresent(entry.file());
        }
    }

    /** Takes an entry's bytes as {@link StagingOutputStream} does (limits, recognition, hash) and keeps none. */
    private static final class CountingSink extends OutputStream {
        private static final int HEAD_BYTES = 32;
        private final ByteBudget.Entry budget;
        private final MessageDigest sha256;
        private final byte[] head = new byte[HEAD_BYTES];
        private int headLength;
        private boolean recognised;
        private long size;

        CountingSink(ByteBudget.Entry budget) {
            this.budget = budget;
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            budget.add(len);
            if (!recognised) {
                int taken = Math.min(len, HEAD_BYTES - headLength);
                System.arraycopy(b, off, head, headLength, taken);
                headLength += taken;
                if (headLength == HEAD_BYTES) {
                    recognise();
                }
            }
            sha256.update(b, off, len);
            size += len;
        }

        String finish() throws IOException {
            if (!recognised) {
                recognise();
            }
            return HexFormat.of().formatHex(sha256.digest());
        }

        private void recognise() throws NotAnImageException {
            if (ImageFormat.sniff(Arrays.copyOf(head, headLength)) == null) {
                throw new NotAnImageException();
            }
            recognised = true;
        }
    }
}
