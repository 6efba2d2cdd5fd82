package org.gallery.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.lockservice.LockServiceFactory;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.change.core.TagDatabaseChange;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import org.gallery.config.DatabaseUrl;

/**
 * The database verbs of the old system on top of Liquibase. A revision is a tag in the changelog; every change set
 * carries its rollback, so {@code downgrade} really undoes the schema.
 */
public final class SchemaMigrations {

    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    public record Revision(String name, boolean applied) {
    }

    private final DatabaseUrl url;

    public SchemaMigrations(DatabaseUrl url) {
        this.url = url;
    }

    public void upgrade(String revision) {
        // the update summary goes to the log as well: callers print their own one-line result
        var quiet = liquibase.UpdateSummaryOutputEnum.LOG;
        if (revision == null || revision.equals("head")) {
            run("update", Map.of("showSummaryOutput", quiet));
        } else {
            requireKnown(revision);
            run("updateToTag", Map.of("tag", revision, "showSummaryOutput", quiet));
        }
    }

    /** Rolls back to the given revision, or {@code steps} revisions back when the argument is a number. */
    public String downgrade(String target) {
        List<String> applied = appliedRevisions();
        if (applied.isEmpty()) {
            return null;
        }
        String revision = target;
        if (target.matches("\\d+")) {
            int steps = Integer.parseInt(target);
            int index = applied.size() - 1 - steps;
            if (index < 0) {
                run("rollbackCount", Map.of("count", ranChangeSetCount()));
                return "base";
            }
            revision = applied.get(index);
        } else if (target.equals("base")) {
            run("rollbackCount", Map.of("count", ranChangeSetCount()));
            return "base";
        } else {
            requireKnown(target);
        }
        run("rollback", Map.of("tag", revision));
        return revision;
    }

    public void stamp(String revision) {
        if (revision.equals("head")) {
            run("changelogSync", Map.of());
        } else {
            requireKnown(revision);
            run("changelogSyncToTag", Map.of("tag", revision));
        }
    }

    /**
     * Frees the lock a schema change holds while it runs, left behind when that process was killed (every later
     * upgrade would wait for it and give up). Says who held it and since when, or null when it was free.
     */
    public String unlock() {
        return withDatabase(db -> {
            String holder = lockHolder(((JdbcConnection) db.getConnection()).getUnderlyingConnection(),
                    db.getLiquibaseSchemaName());
            if (holder != null) {
                LockServiceFactory.getInstance().getLockService(db).forceReleaseLock();
            }
            return holder;
        });
    }

    /**
     * Read here rather than through Liquibase's listLocks, which fails on SQLite: the time it stores there comes
     * back as text.
     */
    private static String lockHolder(Connection connection, String schema) throws java.sql.SQLException {
        try (var rs = connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            boolean exists = false;
            while (rs.next()) {
                exists |= rs.getString("TABLE_NAME").equalsIgnoreCase("databasechangeloglock");
            }
            if (!exists) {
                return null;
            }
        }
        try (var st = connection.createStatement();
                var rs = st.executeQuery("SELECT lockedby, lockgranted FROM databasechangeloglock WHERE locked")) {
            return rs.next() ? rs.getString(1) + " since " + rs.getString(2) : null;
        }
    }

    /** The newest applied revision, or null for an empty database. */
    public String current() {
        List<String> applied = appliedRevisions();
        return applied.isEmpty() ? null : applied.getLast();
    }

    public List<Revision> history() {
        List<String> applied = appliedRevisions();
        return withDatabase(db -> {
            List<Revision> list = new ArrayList<>();
            for (String tag : changelogRevisions(db)) {
                list.add(new Revision(tag, applied.contains(tag)));
            }
            return list;
        });
    }

    public List<String> appliedRevisions() {
        return withDatabase(db -> {
            List<String> tags = new ArrayList<>();
            for (RanChangeSet ran : db.getRanChangeSetList()) {
                if (ran.getTag() != null) {
                    tags.add(ran.getTag());
                }
            }
            return tags;
        });
    }

    private int ranChangeSetCount() {
        return withDatabase(db -> db.getRanChangeSetList().size());
    }

    private void requireKnown(String revision) {
        List<String> known = withDatabase(this::changelogRevisions);
        if (!known.contains(revision)) {
            throw new IllegalArgumentException("Unknown revision '" + revision + "'; known: " + known + " (or head)");
        }
    }

    private List<String> changelogRevisions(Database db) throws Exception {
        ResourceAccessor accessor = new ClassLoaderResourceAccessor();
        DatabaseChangeLog changeLog = ChangeLogParserFactory.getInstance().getParser(CHANGELOG, accessor)
                .parse(CHANGELOG, new ChangeLogParameters(db), accessor);
        List<String> tags = new ArrayList<>();
        for (ChangeSet changeSet : changeLog.getChangeSets()) {
            changeSet.getChanges().stream()
                    .filter(TagDatabaseChange.class::isInstance)
                    .map(c -> ((TagDatabaseChange) c).getTag())
                    .forEach(tags::add);
        }
        return tags;
    }

    private void run(String command, Map<String, Object> arguments) {
        withDatabase(db -> {
            var scope = new CommandScope(command)
                    .addArgumentValue("database", db)
                    .addArgumentValue("changelogFile", CHANGELOG);
            arguments.forEach(scope::addArgumentValue);
            scope.execute();
            return null;
        });
    }

    private interface DatabaseWork<T> {
        T apply(Database db) throws Exception;
    }

    private <T> T withDatabase(DatabaseWork<T> work) {
        createSqliteFolder();
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Map<String, Object> scope = new LinkedHashMap<>();
            scope.put(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor());
            scope.put("liquibase.showBanner", false);
            // progress goes to the log, not to the terminal of whoever runs `gallery db`
            scope.put(Scope.Attr.ui.name(), new liquibase.ui.LoggerUIService());
            return Scope.child(scope, () -> work.apply(db));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(rootMessage(e), e);
        }
    }

    private void createSqliteFolder() {
        if (url.kind() == DatabaseUrl.Kind.SQLITE) {
            String path = url.jdbcUrl().substring("jdbc:sqlite:".length()).split("\\?")[0];
            try {
                Path parent = Path.of(path).toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (Exception ignored) {
                // the driver reports a path it cannot open
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.toString();
        return message.contains("Could not acquire change log lock")
                ? message + " (if that process is gone, `gallery db unlock` frees the lock)"
                : message;
    }
}
