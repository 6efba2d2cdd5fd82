package org.gallery.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gallery.config.DatabaseUrl;
import org.yaml.snakeyaml.Yaml;

/**
 * Tells, without starting Liquibase, whether every change set of the changelog is already recorded in the
 * database. Starting Liquibase only to find nothing to do is about a quarter of the service's start (parsing the
 * changelog, taking and giving back its lock, checking every checksum), and nearly every start has nothing to do.
 * Anything this cannot read as plainly applied counts as pending, and Liquibase decides as before; an edited
 * change set that was applied already is still reported by the next {@code gallery db upgrade}.
 */
public final class PendingMigrations {

    private static final Pattern SQL_CHANGE_SET = Pattern.compile("(?m)^--changeset\\s+([^:\\s]+):(\\S+)(.*)$");
    private static final Pattern DBMS = Pattern.compile("\\bdbms:(\\S+)");

    private PendingMigrations() {
    }

    /** True when the database holds every change set of the changelog; false when unsure. */
    public static boolean noneFor(DatabaseUrl url) {
        Set<String> wanted = changeSets(url.kind());
        if (wanted == null) {
            return false;
        }
        Properties login = new Properties();
        if (url.user() != null) {
            login.setProperty("user", url.user());
        }
        if (url.password() != null) {
            login.setProperty("password", url.password());
        }
        if (url.kind() == DatabaseUrl.Kind.POSTGRESQL) {
            // a server that is down is reported by the start itself, not waited for twice
            login.setProperty("connectTimeout", "5");
        }
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), login);
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT author, id FROM databasechangelog")) {
            Set<String> applied = new HashSet<>();
            while (rows.next()) {
                applied.add(rows.getString(1) + ":" + rows.getString(2));
            }
            return applied.containsAll(wanted);
        } catch (SQLException noTableYetOrNoServer) {
            return false;
        }
    }

    /**
     * "author:id" of every change set this kind of database runs (those marked {@code dbms:} for the other are left
     * out), or null when the changelog uses anything beyond plain change sets and included formatted-SQL files
     * (change sets that run again, preconditions on the whole changelog).
     */
    static Set<String> changeSets(DatabaseUrl.Kind kind) {
        Set<String> all = changeSets();
        if (all == null) {
            return null;
        }
        String mine = kind == DatabaseUrl.Kind.POSTGRESQL ? "postgresql" : "sqlite";
        Set<String> ids = new LinkedHashSet<>();
        for (String id : all) {
            int at = id.indexOf('@');
            if (at < 0) {
                ids.add(id);
            } else if (java.util.Arrays.asList(id.substring(at + 1).split(",")).contains(mine)) {
                ids.add(id.substring(0, at));
            }
        }
        return ids;
    }

    /** Every change set as "author:id", followed by "@dbms,dbms" when it runs on those databases only. */
    static Set<String> changeSets() {
        String master = resource(SchemaMigrations.CHANGELOG);
        if (master == null) {
            return null;
        }
        String folder = SchemaMigrations.CHANGELOG.substring(0, SchemaMigrations.CHANGELOG.lastIndexOf('/') + 1);
        Set<String> ids = new LinkedHashSet<>();
        Object root = ((Map<?, ?>) new Yaml().load(master)).get("databaseChangeLog");
        if (!(root instanceof List<?> entries)) {
            return null;
        }
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> item) || item.size() != 1) {
                return null;
            }
            String kind = String.valueOf(item.keySet().iterator().next());
            Object body = item.values().iterator().next();
            boolean understood = switch (kind) {
                case "property" -> true;
                case "changeSet" -> body instanceof Map<?, ?> changeSet && addYaml(changeSet, ids);
                case "include" -> body instanceof Map<?, ?> include && addSql(include, folder, ids);
                default -> false;
            };
            if (!understood) {
                return null;
            }
        }
        return ids;
    }

    private static boolean addYaml(Map<?, ?> changeSet, Set<String> ids) {
        if (isTrue(changeSet.get("runAlways")) || isTrue(changeSet.get("runOnChange"))
                || changeSet.get("id") == null || changeSet.get("author") == null) {
            return false;
        }
        Object dbms = changeSet.get("dbms");
        ids.add(changeSet.get("author") + ":" + changeSet.get("id") + (dbms == null ? "" : "@" + dbms));
        return true;
    }

    private static boolean addSql(Map<?, ?> include, String folder, Set<String> ids) {
        String file = String.valueOf(include.get("file"));
        if (!file.endsWith(".sql") || !isTrue(include.get("relativeToChangelogFile"))) {
            return false;
        }
        String sql = resource(folder + file);
        if (sql == null) {
            return false;
        }
        Matcher m = SQL_CHANGE_SET.matcher(sql);
        while (m.find()) {
            String options = m.group(3);
            if (options.contains("runAlways:true") || options.contains("runOnChange:true")) {
                return false;
            }
            Matcher dbms = DBMS.matcher(options);
            ids.add(m.group(1) + ":" + m.group(2) + (dbms.find() ? "@" + dbms.group(1) : ""));
        }
        return true;
    }

    private static boolean isTrue(Object value) {
        return value != null && Boolean.parseBoolean(String.valueOf(value));
    }

    private static String resource(String path) {
        try (InputStream in = PendingMigrations.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return null;
        }
    }
}
