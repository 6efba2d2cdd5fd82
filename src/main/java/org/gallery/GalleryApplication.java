package org.gallery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.gallery.config.DatabaseUrl;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.db.SqliteConnectionEviction;
import org.gallery.db.PendingMigrations;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
public class GalleryApplication {

    /**
     * The entry of Spring's ahead-of-time processing at build time (the build's process-aot step), which only works
     * out the service's bean definitions: nothing is started, and no folder or database is touched. The service
     * itself starts through {@link #start}, which uses what this made when {@code spring.aot.enabled} is set.
     */
    public static void main(String[] args) throws IOException {
        // the default settings, whatever the building machine's environment or .env says: which beans exist does not
        // depend on them, and a setting meant for a running service must not fail the build
        Path empty = Files.createTempDirectory("gallery-aot-processing");
        Settings settings = SettingsLoader.load(Map.of(), empty);
        Files.delete(empty);
        Map<String, Object> properties = springProperties(settings);
        // Spring's conditions are decided here once for every later start: Liquibase must be among the beans, and
        // whether it runs is read at each start (spring.liquibase.enabled, see migratingProperties)
        properties.put("spring.liquibase.enabled", true);
        service(settings, properties).run(args);
    }

    /** Starts the service with the given settings; tests start one per database the same way. */
    public static ConfigurableApplicationContext start(Settings settings, String... args) {
        refuseOpenNetworkWithoutAccounts(settings);
        createStorageFolders(settings);
        return service(settings, migratingProperties(settings)).run(args);
    }

    private static SpringApplication service(Settings settings, Map<String, Object> properties) {
        var app = new SpringApplication(GalleryApplication.class);
        // the class whose build-time bean definitions are looked up in ahead-of-time mode (not the CLI's)
        app.setMainApplicationClass(GalleryApplication.class);
        app.setDefaultProperties(properties);
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("settings", settings));
        return app;
    }

    /** The same services without the HTTP server, for command-line tools that work on the database. */
    public static ConfigurableApplicationContext startWithoutWeb(Settings settings) {
        createStorageFolders(settings);
        var app = new SpringApplication(GalleryApplication.class);
        app.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        Map<String, Object> properties = migratingProperties(settings);
        properties.put("logging.level.root", "WARN");
        // a tool's standard output is its report (or JSON): a schema upgrade at start-up only goes to the log
        properties.put("spring.liquibase.show-summary-output", "log");
        app.setDefaultProperties(properties);
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("settings", settings));
        return app.run();
    }

    /**
     * The services without the HTTP server on a read-only database, for tools that only look (a dry run): no storage
     * folder is created, no migration runs, and the database refuses writes.
     */
    public static ConfigurableApplicationContext startReadOnly(Settings settings) {
        var app = new SpringApplication(GalleryApplication.class);
        app.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        Map<String, Object> properties = springProperties(settings);
        DatabaseUrl readOnly = settings.database().readOnly();
        properties.put("spring.datasource.url", readOnly.jdbcUrl());
        properties.put("spring.datasource.hikari.read-only", readOnly.kind() == DatabaseUrl.Kind.POSTGRESQL);
        properties.put("spring.datasource.hikari.maximum-pool-size", 2);
        properties.put("spring.liquibase.enabled", false);
        properties.put("logging.level.root", "WARN");
        app.setDefaultProperties(properties);
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("settings", settings));
        return app.run();
    }

    static Map<String, Object> springProperties(Settings s) {
        Map<String, Object> p = new HashMap<>();
        p.put("server.address", s.apiHost());
        p.put("server.port", s.apiPort());
        DatabaseUrl db = s.database();
        p.put("spring.datasource.url", db.jdbcUrl());
        if (db.user() != null) {
            p.put("spring.datasource.username", db.user());
        }
        if (db.password() != null) {
            p.put("spring.datasource.password", db.password());
        }
        boolean sqlite = db.kind() == DatabaseUrl.Kind.SQLITE;
        p.put("spring.datasource.driver-class-name", sqlite ? "org.sqlite.JDBC" : "org.postgresql.Driver");
        p.put("spring.datasource.hikari.maximum-pool-size", sqlite ? 8 : 10);
        if (sqlite) {
            p.put("spring.datasource.hikari.exception-override-class-name", SqliteConnectionEviction.class.getName());
        }
        // a database that is down answers health checks and requests within seconds, not after half a minute
        p.put("spring.datasource.hikari.connection-timeout", 5000);
        p.put("spring.jooq.sql-dialect", sqlite ? "SQLITE" : "POSTGRES");
        p.put("spring.liquibase.enabled", s.autoMigrate());
        long maxUpload = s.imaging().maxUploadBytes();
        p.put("spring.servlet.multipart.max-file-size", maxUpload);
        // the request also carries form fields and part headers
        p.put("spring.servlet.multipart.max-request-size", maxUpload + 1024 * 1024);
        p.put("spring.servlet.multipart.location", s.storage().temp().toString());
        return p;
    }

    /** Accounts may be off only where nobody else can connect. */
    static void refuseOpenNetworkWithoutAccounts(Settings s) {
        String host = s.apiHost().toLowerCase(java.util.Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
        if (!s.auth().required() && !loopback) {
            throw new org.gallery.config.InvalidSettingException("AUTH", "off",
                    "AUTH=off is only allowed when API_HOST is a loopback address (127.0.0.1, ::1 or localhost); API_HOST is "
                            + s.apiHost());
        }
    }

    /** Liquibase starts only when a change set is pending: looking costs a fraction of what starting it does. */
    private static Map<String, Object> migratingProperties(Settings s) {
        Map<String, Object> p = springProperties(s);
        if (s.autoMigrate() && PendingMigrations.noneFor(s.database())) {
            p.put("spring.liquibase.enabled", false);
        }
        return p;
    }

    private static void createStorageFolders(Settings s) {
        var st = s.storage();
        try {
            Path[] dirs = st.local() ? new Path[] {st.root(), st.images(), st.thumbnails(), st.crops(), st.archives(), st.temp()}
                    : new Path[] {st.root(), st.archives(), st.temp()};
            for (Path dir : dirs) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the storage folders under " + st.root(), e);
        }
    }
}
