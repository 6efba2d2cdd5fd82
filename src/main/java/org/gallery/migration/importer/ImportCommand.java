package org.gallery.migration.importer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.migration.MigrationCommand;
import org.gallery.migration.MigrationServices;
import org.gallery.migration.StepProgress;
import org.gallery.migration.SummaryJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gallery migrate import}: metadata files and photoset folders into photosets, images, tags and actors. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Create or update a photoset for every photoset folder in IMAGES_DIR and every metadata file (X.json), "
                    + "register the images of each folder, and attach tags and actors.",
            "Safe to interrupt and to run again: finished photosets are recognised and skipped, nothing is duplicated.",
            "Exit code 0 when everything was imported (warnings allowed), 1 when anything failed."})
public class ImportCommand extends MigrationCommand {

    @Option(names = "--metadata", paramLabel = "DIR",
            description = "Folder holding the metadata files (default: ARCHIVES_DIR, where the old system kept them).")
    Path metadata;

    @Option(names = "--workers", paramLabel = "N", description = "Threads reading and probing files (default: the number of cores).")
    Integer workers;

    private final MigrationServices.Opener opener;

    public ImportCommand() {
        this(SettingsLoader::fromEnvironment, MigrationServices.Opener.DEFAULT, isTerminal());
    }

    public ImportCommand(Supplier<Settings> settings, MigrationServices.Opener opener, boolean interactive) {
        super(settings, interactive);
        this.opener = opener;
    }

    @Override
    protected int run(Settings loaded, PrintWriter out, PrintWriter err) {
        Path metadataFolder = metadata != null ? metadata.toAbsolutePath().normalize() : loaded.storage().archives();
        if (metadata != null && !Files.isDirectory(metadataFolder)) {
            err.println("gallery migrate import: metadata folder " + metadataFolder + " does not exist");
            err.flush();
            return 1;
        }
        ImportSummary summary;
        try (MigrationServices services = opener.open(loaded, false);
             StepProgress progress = StepProgress.to(json ? err : out, interactive)) {
            summary = new PhotosetImporter(services, loaded).run(options(loaded, metadataFolder), progress);
        } catch (IOException | RuntimeException e) {
            if (e instanceof RuntimeException unchecked && settingAtFault(e) != null) {
                throw unchecked;   // told in one line naming the setting
            }
            err.println("gallery migrate import: " + PhotosetImporter.describe(e));
            err.flush();
            return 1;
        }
        if (json) {
            out.println(SummaryJson.write(summary));
        } else {
            ImportText.print(summary, out);
        }
        out.flush();
        return summary.allHandled() ? 0 : 1;
    }

    private PhotosetImporter.Options options(Settings s, Path metadataFolder) {
        int threads = workers != null && workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        return new PhotosetImporter.Options(metadataFolder, s.storage().archives(), false, threads, Map.of());
    }
}
