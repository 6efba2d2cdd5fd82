package org.gallery.migration.extract;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.migration.MigrationCommand;
import org.gallery.storage.FileStore;
import org.gallery.storage.FileStores;
import org.gallery.storage.StorageUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gallery migrate extract}: unpacks the archives into photoset folders. File work only: it needs neither the
 * database nor the application context, and it never waits for input.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {
            "Unpack every .zip and .rar in the archives folder into {IMAGES_DIR}/{archive name}/, images only "
                    + "(with STORAGE_BACKEND=s3: staged in STORAGE_ROOT/tmp, then stored in the bucket under images/{archive name}/).",
            "Safe to interrupt and to run again: finished work is recognised, nothing is duplicated.",
            "Exit code 0 when every archive was handled (warnings allowed), 1 when any failed."})
public class ExtractCommand extends MigrationCommand {

    @Option(names = "--archives", paramLabel = "DIR",
            description = "Folder holding the archives (default: ARCHIVES_DIR, i.e. STORAGE_ROOT/archives).")
    Path archives;

    private final ExternalTools tools;

    public ExtractCommand() {
        this(SettingsLoader::fromEnvironment, ExternalTools.fromEnvironment(), isTerminal());
    }

    ExtractCommand(Supplier<Settings> settings, ExternalTools tools, boolean interactive) {
        super(settings, interactive);
        this.tools = tools;
    }

    @Override
    protected int run(Settings loaded, PrintWriter out, PrintWriter err) {
        Path archivesFolder = archives != null ? archives.toAbsolutePath().normalize() : loaded.storage().archives();
        PrintWriter progressOut = json ? err : out;
        ExtractionSummary summary;
        FileStore store = FileStores.open(loaded.storage(), loaded.storage().backend());
        try (ClosableProgress progress = interactive ? new TerminalProgress(progressOut) : new PlainProgress(progressOut)) {
            summary = new ArchiveExtractor(loaded.archiveLimits(), tools)
                    .extractAll(archivesFolder, store, loaded.storage().temp(), progress);
        } catch (IOException | StorageUnavailableException e) {
            err.println("gallery migrate extract: " + e.getMessage());
            err.flush();
            return 1;
        } finally {
            FileStores.close(store);
        }
        if (json) {
            out.println(SummaryJson.write(summary));
        } else {
            SummaryText.print(summary, out);
        }
        out.flush();
        return summary.allHandled() ? 0 : 1;
    }

    /** Progress output that has something to finish (a bar to close, a line to flush). */
    interface ClosableProgress extends ExtractionProgress, AutoCloseable {
        @Override
        void close();
    }
}
