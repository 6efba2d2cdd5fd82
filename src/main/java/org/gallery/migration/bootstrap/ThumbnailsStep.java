package org.gallery.migration.bootstrap;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The thumbnails step of {@code bootstrap}: it runs {@code gallery migrate thumbnails} (making every missing
 * thumbnail) when that command is part of this build. The thumbnail command is being built separately; until it is
 * registered beside {@code extract} and {@code import}, the step reports that it was skipped and why. Nothing is
 * faked: verify's thumbnail coverage shows what really exists.
 */
final class ThumbnailsStep {

    static final String COMMAND = "thumbnails";
    static final String NOT_AVAILABLE = "thumbnail generation is not available in this build yet; "
            + "'gallery migrate thumbnails' will run here once it exists";

    private final CommandLine migrate;

    /** @param migrate the {@code gallery migrate} command line, whose subcommands are looked through */
    ThumbnailsStep(CommandLine migrate) {
        this.migrate = migrate;
    }

    boolean available() {
        return migrate != null && migrate.getSubcommands().containsKey(COMMAND);
    }

    BootstrapReport.Note run(boolean json, PrintWriter out, PrintWriter err) {
        if (!available()) {
            return new BootstrapReport.Note("skipped", NOT_AVAILABLE);
        }
        CommandLine thumbnails = migrate.getSubcommands().get(COMMAND);
        thumbnails.setOut(json ? err : out);
        thumbnails.setErr(err);
        List<String> args = new ArrayList<>();
        int exit = thumbnails.execute(args.toArray(String[]::new));
        return exit == 0 ? new BootstrapReport.Note("done", "gallery migrate thumbnails finished")
                : new BootstrapReport.Note("failed", "gallery migrate thumbnails exited with " + exit);
    }

    BootstrapReport.Note plan() {
        return available() ? new BootstrapReport.Note("would_run", "gallery migrate thumbnails would make missing thumbnails")
                : new BootstrapReport.Note("skipped", NOT_AVAILABLE);
    }
}
