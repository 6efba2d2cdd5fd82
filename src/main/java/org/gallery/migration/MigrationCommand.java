package org.gallery.migration;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.gallery.config.InvalidSettingException;
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
            return run(settings.get(), out, err);
        } catch (RuntimeException e) {
            // a setting that cannot be used (a bucket that cannot be reached): one line naming it, not a stack trace
            InvalidSettingException setting = settingAtFault(e);
            if (setting == null) {
                throw e;
            }
            err.println("gallery migrate " + spec.name() + ": " + setting.getMessage());
            return 2;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The unusable setting behind a failure (also when a component checked it while the services started), or null. */
    protected static InvalidSettingException settingAtFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException invalid) {
                return invalid;
            }
        }
        return null;
    }

    /** The step itself; its exit code. */
    protected abstract int run(Settings settings, PrintWriter out, PrintWriter err) throws Exception;

    /** True when standard output is a terminal, where a progress bar may redraw its line. */
    protected static boolean isTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }
}
