package org.gallery;

import java.util.LinkedHashMap;
import java.util.Map;
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
        description = "Self-hosted image gallery service.")
public class GalleryCli implements Callable<Integer> {

    /** The commands by name, in the order the help lists them. */
    private static final Map<String, Class<?>> COMMANDS = commands(ServeCommand.class, DbCommand.class,
            MigrateCommand.class, UsersCommand.class, TokensCommand.class, CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        // jOOQ prints a banner and tips on first use; the log is for the service's own news
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        return commandLine(args)
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

    /**
     * The command line for these arguments. Picocli works out the model of every command it is given when it is
     * given, by reflection and with a proxy class made for each annotation, which took about a tenth of a start; so a
     * named command gets only itself, and help, no command or a mistyped one gets all of them to list or suggest.
     */
    public static CommandLine commandLine(String... args) {
        var cli = new CommandLine(new GalleryCli());
        String invoked = args.length > 0 ? args[0] : "";
        boolean onlyInvoked = COMMANDS.containsKey(invoked) && !invoked.equals("help");
        COMMANDS.forEach((name, command) -> {
            if (!onlyInvoked || name.equals(invoked)) {
                cli.addSubcommand(name, command);
            }
        });
        return cli;
    }

    private static Map<String, Class<?>> commands(Class<?>... commands) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> command : commands) {
            byName.put(command.getAnnotation(Command.class).name(), command);
        }
        return byName;
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
