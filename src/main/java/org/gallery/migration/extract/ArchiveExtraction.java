package org.gallery.migration.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import org.gallery.config.Settings.ArchiveLimits;
import org.gallery.migration.extract.ExtractManifest.ArchiveRecord;
import org.gallery.migration.extract.ExtractManifest.EntryRecord;

/**
 * Extracts one archive into its photoset folder, entry by entry and in archive order, so that names chosen for
 * clashes are the same on every run. Entries an earlier run finished (per the manifest) are not read again; an
 * archive finished earlier and unchanged since is not even opened.
 */
final class ArchiveExtraction implements EntryVisitor {

    private final ArchiveFiles.Candidate archive;
    private final ArchiveReader reader;
    private final PhotosetFolderState folder;
    private final ArchiveLimits limits;
    private final ExtractionProgress progress;
    private final ArchiveTally tally;
    private final ByteBudget budget;
    private final Map<Integer, EntryRecord> records = new TreeMap<>();
    private long archiveSize;
    private long archiveModified;
    private int entriesSeen;

    ArchiveExtraction(ArchiveFiles.Candidate archive, ArchiveReader reader, PhotosetFolderState folder,
                      ArchiveLimits limits, ExtractionProgress progress) {
        this.archive = archive;
        this.reader = reader;
        this.folder = folder;
        this.limits = limits;
        this.progress = progress;
        this.tally = new ArchiveTally(archive.fileName(), archive.photosetFolder(), progress);
        this.budget = new ByteBudget(limits);
    }

    ArchiveResult run() throws IOException {
        archiveSize = Files.size(archive.path());
        archiveModified = Files.getLastModifiedTime(archive.path()).toMillis();
        if (folder.manifestWasDamaged()) {
            tally.warn("the extraction manifest was unreadable and is rebuilt; existing files are kept and recognised");
        }
        ArchiveRecord previous = folder.manifest().archives().get(archive.fileName());
        if (previous != null && previous.size() == archiveSize && previous.modified() == archiveModified) {
            previous.entries().forEach(r -> records.put(r.index(), r));
            if (previous.complete() && allPresent()) {
                records.values().forEach(tally::countFinished);
                return tally.result(ArchiveResult.Status.UNCHANGED, 0);
            }
        }
        boolean complete = false;
        try {
            reader.read(archive.path(), this);
            complete = true;
        } catch (LimitExceededException | UnreadableArchiveException | TargetWriteException e) {
            tally.fail(e.getMessage());
        } catch (IOException | RuntimeException e) {
            tally.fail("cannot read the archive: " + CheckedCopy.describe(e));
        }
        if (complete && entriesSeen == 0) {
            tally.warn("the archive is empty");
        }
        ArchiveResult result = tally.result(ArchiveResult.Status.EXTRACTED, budget.total());
        recordArchive(complete && !result.failed());
        folder.changed();
        folder.save();
        return result;
    }

    @Override
    public void begin(int entryCount) throws IOException {
        if (entryCount > limits.maxEntries()) {
            throw LimitExceededException.tooManyEntries(limits);
        }
        progress.entriesKnown(entryCount);
    }

    @Override
    public void visit(EntryHeader header, EntryContent content) throws IOException {
        if (++entriesSeen > limits.maxEntries()) {
            throw LimitExceededException.tooManyEntries(limits);
        }
        progress.entryVisited();
        String name = header.name();
        EntryRecord earlier = records.get(header.index());
        if (earlier != null && earlier.name().equals(name) && stillValid(earlier)) {
            tally.countFinished(earlier);
            return;
        }
        if (header.kind() == EntryHeader.Kind.DIRECTORY) {
            return;
        }
        if (!skippedByHeader(header, name)) {
            extract(header, name, content);
        }
        folder.saveIfDue(() -> recordArchive(false));
    }

    /** Skips what the header alone condemns, before a single byte of it is decompressed. */
    private boolean skippedByHeader(EntryHeader header, String name) {
        Skip verdict = judgeHeader(header, name, limits);
        if (verdict == null) {
            return false;
        }
        skip(header, name, verdict.reason(), verdict.detail());
        return true;
    }

    /** Why an entry is skipped on its header alone. */
    record Skip(SkipReason reason, String detail) {
    }

    /** The skip an entry's header alone calls for, or null when its bytes must be looked at. */
    static Skip judgeHeader(EntryHeader header, String name, ArchiveLimits limits) {
        String unsafe = EntryNames.unsafeReason(name);
        if (unsafe != null) {
            return new Skip(SkipReason.UNSAFE_PATH, unsafe + " in entry name");
        } else if (header.kind() != EntryHeader.Kind.FILE) {
            return new Skip(SkipReason.LINK, header.kind() == EntryHeader.Kind.LINK
                    ? "link entries are never followed or created" : "special file (device, pipe or socket)");
        } else if (EntryNames.isJunk(name)) {
            return new Skip(SkipReason.JUNK, null);
        } else if (header.encrypted()) {
            return new Skip(SkipReason.ENCRYPTED, "encrypted (no password is asked for)");
        } else if (header.unsupportedReason() != null) {
            return new Skip(SkipReason.UNSUPPORTED, header.unsupportedReason());
        } else if (header.declaredSize() > limits.maxEntryBytes()) {
            return new Skip(SkipReason.TOO_LARGE, "declared size " + header.declaredSize()
                    + " bytes is over ARCHIVE_MAX_ENTRY_MB");
        }
        return null;
    }

    private void extract(EntryHeader header, String name, EntryContent content) throws IOException {
        var staging = new StagingOutputStream(folder.workFolder(), budget.forEntry(content::compressedBytesRead));
        try {
            content.copyTo(staging);
            var staged = staging.finish();
            var placement = folder.place(staged, ImageFileNames.forEntry(name, staged.format()));
            switch (placement.kind()) {
                case WRITTEN -> tally.written(staged.size());
                case RECOGNISED -> tally.alreadyPresent();
                case DUPLICATE -> tally.skipped(SkipReason.DUPLICATE, name, null);
            }
            String outcome = placement.kind() == PhotosetFolderState.Placement.Kind.DUPLICATE
                    ? SkipReason.DUPLICATE.key() : EntryRecord.IMAGE;
            record(new EntryRecord(header.index(), name, outcome, placement.fileName()));
        } catch (NotAnImageException e) {
            skip(header, name, SkipReason.NOT_IMAGE, null);
        } catch (LimitExceededException e) {
            if (e.scope() == LimitExceededException.Scope.ARCHIVE) {
                throw e;
            }
            skip(header, name, SkipReason.TOO_LARGE, e.getMessage());
        } catch (TargetWriteException | UnreadableArchiveException e) {
            throw e;
        } catch (IOException e) {
            // not recorded: a rerun tries the entry again and reports it again
            tally.entryFailed(name, e.getMessage());
        } finally {
            staging.discard();
        }
    }

    private void skip(EntryHeader header, String name, SkipReason reason, String detail) {
        tally.skipped(reason, name, detail);
        record(new EntryRecord(header.index(), name, reason.key(), null));
    }

    private void record(EntryRecord entry) {
        records.put(entry.index(), entry);
        folder.changed();
    }

    private void recordArchive(boolean complete) {
        folder.manifest().archives().put(archive.fileName(),
                new ArchiveRecord(archiveSize, archiveModified, complete, new ArrayList<>(records.values())));
    }

    private boolean allPresent() {
        return records.values().stream().allMatch(this::stillValid);
    }

    private boolean stillValid(EntryRecord entry) {
        return entry.file() == null || folder.isPresent(entry.file());
    }
}
