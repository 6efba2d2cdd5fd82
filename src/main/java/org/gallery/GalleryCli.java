package org.gallery;

import java.util.concurrent.Callable;
import org.gallery.auth.TokensCommand;
import org.gallery.auth.UsersCommand;
import org.gallery.config.InvalidSettingException;
import org.gallery.db.DbCommand;
import org.gallery.migration.MigrateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: {@code gallery serve}, {@code gallery db ...} and the tools that come later. */
@Command(name = "gallery",
        mixinStandardHelpOptions = true,
        versionProvider = GalleryCli.Version.class,
        description = "Self-hosted image gallery service.",
        subcommands = {ServeCommand.class, DbCommand.class, MigrateCommand.class, UsersCommand.class, TokensCommand.class,
                CommandLine.HelpCommand.class})
public class GalleryCli implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        // jOOQ prints a banner and tips on first use; the log is for the service's own news
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        return new CommandLine(new GalleryCli())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // also when a component checked its setting while the application started (the file storage)
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        if (t instanceof InvalidSettingException) {
                            cmd.getErr().println("gallery: " + t.getMessage());
                            return 2;
                        }
                    }
                    throw e;
                })
                .execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gallery " + GalleryVersion.current()};
        }
    }
}
