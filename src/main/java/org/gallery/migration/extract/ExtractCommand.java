package org.gallery.migration.extract;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gallery migrate extract}: unpacks the archives into photoset folders. File work only: it needs neither the
 * database nor the application context, and it never waits for input.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {
            "Unpack every .zip and .rar in the archives folder into {IMAGES_DIR}/{archive name}/, images only.",
            "Safe to interrupt and to run again: finished work is recognised, nothing is duplicated.",
            "Exit code 0 when every archive was handled (warnings allowed), 1 when any failed."})
public class ExtractCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--archives", paramLabel = "DIR",
            description = "Folder holding the archives (default: ARCHIVES_DIR, i.e. STORAGE_ROOT/archives).")
    Path archives;

    @Option(names = "--json", description = "Print the summary as JSON on standard output; progress goes to standard error.")
    boolean json;

    private final Supplier<Settings> settings;
    private final ExternalTools tools;
    private final boolean interactive;

    public ExtractCommand() {
        this(SettingsLoader::fromEnvironment, ExternalTools.fromEnvironment(), isTerminal());
    }

    ExtractCommand(Supplier<Settings> settings, ExternalTools tools, boolean interactive) {
        this.settings = settings;
        this.tools = tools;
        this.interactive = interactive;
    }

    @Override
    public Integer call() {
        Settings loaded = settings.get();
        Path archivesFolder = archives != null ? archives.toAbsolutePath().normalize() : loaded.storage().archives();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter progressOut = json ? err : out;
        ExtractionSummary summary;
        try (ClosableProgress progress = interactive ? new TerminalProgress(progressOut) : new PlainProgress(progressOut)) {
            summary = new ArchiveExtractor(loaded.archiveLimits(), tools)
                    .extractAll(archivesFolder, loaded.storage().images(), progress);
        } catch (IOException e) {
            err.println("gallery migrate extract: " + e.getMessage());
            err.flush();
            return 1;
        }
        if (json) {
            out.println(SummaryJson.write(summary));
        } else {
            SummaryText.print(summary, out);
        }
        out.flush();
        return summary.allHandled() ? 0 : 1;
    }

    private static boolean isTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    /** Progress output that has something to finish (a bar to close, a line to flush). */
    interface ClosableProgress extends ExtractionProgress, AutoCloseable {
        @Override
        void close();
    }
}
