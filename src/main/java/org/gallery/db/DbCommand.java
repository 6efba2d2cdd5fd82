package org.gallery.db;

import java.util.concurrent.Callable;
import org.gallery.config.SettingsLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Database schema tools: upgrade, downgrade, current, history, stamp, unlock.",
        subcommands = {DbCommand.Upgrade.class, DbCommand.Downgrade.class, DbCommand.Current.class,
                DbCommand.History.class, DbCommand.Stamp.class, DbCommand.Unlock.class})
public class DbCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    static SchemaMigrations migrations() {
        // the verbs print their own one-line result; Liquibase's progress is noise on a terminal
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
        return new SchemaMigrations(SettingsLoader.fromEnvironment().database());
    }

    abstract static class Verb implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                return execute(migrations());
            } catch (IllegalArgumentException | IllegalStateException e) {
                spec.commandLine().getErr().println("gallery db: " + e.getMessage());
                return 1;
            }
        }

        abstract int execute(SchemaMigrations migrations);
    }

    @Command(name = "upgrade", description = "Apply migrations up to REV (default: head).")
    static class Upgrade extends Verb {
        @Parameters(arity = "0..1", paramLabel = "REV", defaultValue = "head")
        String revision;

        @Override
        int execute(SchemaMigrations m) {
            m.upgrade(revision);
            System.out.println("Database at revision " + m.current());
            return 0;
        }
    }

    @Command(name = "downgrade", description = "Roll back N revisions (default 1) or down to REV ('base' removes everything).")
    static class Downgrade extends Verb {
        @Parameters(arity = "0..1", paramLabel = "N|REV", defaultValue = "1")
        String target;

        @Override
        int execute(SchemaMigrations m) {
            String now = m.downgrade(target);
            System.out.println(now == null ? "Nothing to roll back" : "Database at revision " + (m.current() == null ? "base" : m.current()));
            return 0;
        }
    }

    @Command(name = "current", description = "Show the revision the database is at.")
    static class Current extends Verb {
        @Override
        int execute(SchemaMigrations m) {
            String current = m.current();
            System.out.println(current == null ? "base (empty database)" : current);
            return 0;
        }
    }

    @Command(name = "history", description = "List every revision, marking the applied ones.")
    static class History extends Verb {
        @Override
        int execute(SchemaMigrations m) {
            String current = m.current();
            for (var r : m.history()) {
                System.out.printf("%s %s%s%n", r.applied() ? "[x]" : "[ ]", r.name(),
                        r.name().equals(current) ? "  (current)" : "");
            }
            return 0;
        }
    }

    @Command(name = "stamp", description = "Mark the database as being at REV (or head) without running migrations.")
    static class Stamp extends Verb {
        @Parameters(paramLabel = "REV")
        String revision;

        @Override
        int execute(SchemaMigrations m) {
            m.stamp(revision);
            System.out.println("Database stamped at " + m.current());
            return 0;
        }
    }

    @Command(name = "unlock", description = "Free the schema lock a killed upgrade left behind (run it only when no "
            + "other upgrade is running).")
    static class Unlock extends Verb {
        @Override
        int execute(SchemaMigrations m) {
            String holder = m.unlock();
            System.out.println(holder == null ? "The schema lock was free" : "Freed the schema lock held by " + holder);
            return 0;
        }
    }
}
