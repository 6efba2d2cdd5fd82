package org.gallery.migration.storage;

import java.io.PrintWriter;
import java.util.function.Supplier;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.migration.MigrationCommand;
import org.gallery.migration.StepProgress;
import org.gallery.migration.SummaryJson;
import org.gallery.storage.FileStore;
import org.gallery.storage.FileStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gallery migrate storage --to s3|local}: copies the stored files from the other store into this one. */
@Command(name = "storage", mixinStandardHelpOptions = true,
        description = {"Copy every original, thumbnail, crop and finished export from the local folders into the S3",
            "bucket (--to s3), or back (--to local), under the same paths, checking each copy's SHA-256 against the source.",
            "Safe to interrupt and to run again: files already there with the same bytes are skipped. The source is",
            "left as it is; set STORAGE_BACKEND to the target once the run reports no failure.",
            "Exit code 0 when every file is at the target, 1 when any failed."})
public class StorageCommand extends MigrationCommand {

    @Option(names = "--to", required = true, paramLabel = "s3|local", description = "Where the files go.")
    String to;

    @Option(names = "--dry-run", description = "Only count what would be copied; change nothing.")
    boolean dryRun;

    public StorageCommand() {
        this(SettingsLoader::fromEnvironment, isTerminal());
    }

    public StorageCommand(Supplier<Settings> settings, boolean interactive) {
        super(settings, interactive);
    }

    @Override
    protected int run(Settings loaded, PrintWriter out, PrintWriter err) throws Exception {
        if (!"s3".equals(to) && !"local".equals(to)) {
            err.println("gallery migrate storage: --to must be s3 or local, not '" + to + "'");
            return 2;
        }
        // without the disk cache: it belongs to the running service, which empties it at its own start
        var s = loaded.storage();
        var paths = new Settings.StoragePaths(s.root(), s.images(), s.thumbnails(), s.crops(), s.archives(),
                s.backend(), s.s3(), s.cacheDir(), 0);
        FileStore source = FileStores.open(paths, "s3".equals(to) ? "local" : "s3");
        StorageMove.Summary summary;
        try {
            FileStore target = FileStores.open(paths, to);
            try (StepProgress progress = StepProgress.to(json ? err : out, !json && interactive)) {
                summary = new StorageMove(source, target, dryRun).run(progress);
            } finally {
                FileStores.close(target);
            }
        } finally {
            FileStores.close(source);
        }
        if (json) {
            out.println(SummaryJson.write(summary));
        } else {
            out.printf("Storage (to %s%s): %d files, %d %s (%d bytes), %d already there, %d failed%n", to,
                    dryRun ? ", dry run" : "", summary.files(), summary.copied(), dryRun ? "to copy" : "copied",
                    summary.bytesCopied(), summary.alreadyThere(), summary.failed().size());
            summary.failed().forEach(f -> out.println("  failed " + f));
        }
        out.flush();
        return summary.failed().isEmpty() ? 0 : 1;
    }
}
