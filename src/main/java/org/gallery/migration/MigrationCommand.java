package org.gallery.migration;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.gallery.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What every {@code gallery migrate} step shares: its settings (from the environment, or handed in by a test),
 * whether its progress may redraw a terminal line, {@code --json}, and the streams of the command line.
 */
public abstract class MigrationCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the result as JSON on standard output; progress goes to standard error.")
    protected boolean json;

    protected final Supplier<Settings> settings;
    protected final boolean interactive;

    protected MigrationCommand(Supplier<Settings> settings, boolean interactive) {
        this.settings = settings;
        this.interactive = interactive;
    }

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Settings current = settings.get();
            if (localFoldersOnly() && !current.storage().local()) {
                // the steps read and write the image folders themselves; a bucket would silently miss their files
                err.println("gallery migrate: works on the local folders only; run it with STORAGE_BACKEND=local "
                        + "(STORAGE_BACKEND is " + current.storage().backend() + ")");
                return 2;
            }
            return run(current, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** False for a step that goes through the file store, and so works whichever STORAGE_BACKEND is set. */
    protected boolean localFoldersOnly() {
        return true;
    }

    /** The step itself; its exit code. */
    protected abstract int run(Settings settings, PrintWriter out, PrintWriter err) throws Exception;

    /** True when standard output is a terminal, where a progress bar may redraw its line. */
    protected static boolean isTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }
}
