package org.gallery.migration.thumbnails;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.image.ImageQuery;
import org.gallery.migration.MigrationCommand;
import org.gallery.migration.MigrationServices;
import org.gallery.migration.StepProgress;
import org.gallery.thumbnail.ThumbnailService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code gallery migrate thumbnails}: makes every missing thumbnail (all sizes from one decode per image). */
@Command(name = "thumbnails", mixinStandardHelpOptions = true,
        description = {"Make the missing thumbnails (small, medium, large) of every image, or of one photoset.",
            "Safe to interrupt and to run again: images whose thumbnails exist are skipped unless --force.",
            "Exit code 0 when every image has its thumbnails, 1 when any failed."})
public class ThumbnailsCommand extends MigrationCommand {

    private static final int LISTED_FAILURES = 50;

    @Option(names = "--force", description = "Remake thumbnails that exist.")
    boolean force;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", description = "Images handed to a worker at a time (default 32).")
    int batchSize;

    @Option(names = "--workers", paramLabel = "N", description = "Images worked on at once (default: the number of cores).")
    Integer workers;

    @Option(names = "--photoset", paramLabel = "NAME", description = "Only this photoset's images.")
    String photoset;

    private final MigrationServices.Opener opener;

    public ThumbnailsCommand() {
        this(SettingsLoader::fromEnvironment, MigrationServices.Opener.DEFAULT, isTerminal());
    }

    public ThumbnailsCommand(Supplier<Settings> settings, MigrationServices.Opener opener) {
        this(settings, opener, false);
    }

    ThumbnailsCommand(Supplier<Settings> settings, MigrationServices.Opener opener, boolean interactive) {
        super(settings, interactive);
        this.opener = opener;
    }

    @Override
    protected int run(Settings loaded, PrintWriter out, PrintWriter err) throws Exception {
        if (batchSize < 1) {
            err.println("gallery migrate thumbnails: --batch-size must be at least 1");
            return 2;
        }
        ThumbnailBatch.Summary summary;
        try (MigrationServices services = opener.open(loaded, false);
             StepProgress progress = StepProgress.to(json ? err : out, !json && interactive)) {
            ThumbnailService thumbnails = services.optionalBean(ThumbnailService.class);
            UUID photosetId = null;
            if (photoset != null) {
                var found = services.photosets().findByName(photoset);
                if (found.isEmpty()) {
                    err.println("gallery migrate thumbnails: no photoset named '" + photoset + "'");
                    return 1;
                }
                photosetId = found.get().id();
            }
            List<UUID> ids = new ArrayList<>();
            services.images().ids(new ImageQuery(photosetId, null, null, null, null, null, null, null, null, null, null, null))
                    .forEachRemaining(ids::add);
            int threads = workers != null && workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
            summary = ThumbnailBatch.run(thumbnails, ids, force, threads, batchSize, progress);
        }
        if (json) {
            out.println(JsonMapper.builder().build().writeValueAsString(summary));
        } else {
            out.printf("Thumbnails: %d images, %d made, %d already had them, %d failed%n",
                    summary.total(), summary.made(), summary.skipped(), summary.failed());
            summary.failures().forEach((id, reason) -> out.println("  failed " + id + ": " + reason));
        }
        out.flush();
        return summary.failed() == 0 ? 0 : 1;
    }
}
