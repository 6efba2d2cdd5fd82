package org.gallery.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.gallery.GalleryApplication;
import org.gallery.auth.Role;
import org.gallery.auth.TokenService;
import org.gallery.auth.User;
import org.gallery.auth.UserService;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.storage.FileStore;
import org.jooq.DSLContext;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running Gallery per database, started once per test JVM like Spring's context cache: SQLite with the
 * in-process cache, PostgreSQL with Redis. Tests create their own uniquely named data, so they share it safely.
 */
public final class TestApp implements AutoCloseable {

    private static final Map<Db, TestApp> RUNNING = new EnumMap<>(Db.class);
    private static final Map<Db, TestApp> ON_S3 = new EnumMap<>(Db.class);

    public final Db db;
    public final Settings settings;
    public final ConfigurableApplicationContext context;
    public final Api api;

    /** The first admin's password in every test app. */
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    private TestApp(Db db, Settings settings, ConfigurableApplicationContext context) {
        this.db = db;
        this.settings = settings;
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        Api server = new Api("http://127.0.0.1:" + port);
        this.api = settings.auth().required() ? server.withToken(adminToken(context)) : server;
    }

    /** An admin token made directly in the database, so that tests go through the real authentication. */
    private static String adminToken(ConfigurableApplicationContext context) {
        User admin = context.getBean(UserService.class).byName("admin");
        return context.getBean(TokenService.class).create(admin.id(), Role.ADMIN, "tests", "admin", null).token();
    }

    /** A new account of this role and an API token of its own (scope as high as the role allows, or lower). */
    public Api as(Role role, String scope) {
        String name = role.id() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        User user = context.getBean(UserService.class).add(name, role, "password-of-" + name);
        return api.withToken(context.getBean(TokenService.class).create(user.id(), role, "tests", scope, null).token());
    }

    public static synchronized TestApp of(Db db) {
        return RUNNING.computeIfAbsent(db, TestApp::start);
    }

    /** Like {@link #of}, with the files in a bucket of its own on the test S3 server (STORAGE_BACKEND=s3). */
    public static synchronized TestApp onS3(Db db) {
        return ON_S3.computeIfAbsent(db, d -> {
            TestApp app = startWith(d, TestS3.environment());
            Runtime.getRuntime().addShutdownHook(new Thread(app.context::close));
            return app;
        });
    }

    /** Settings for a fresh storage root and a fresh database of the given kind. */
    public static Map<String, String> freshEnvironment(Db db) {
        Map<String, String> env = new HashMap<>();
        try {
            env.put("STORAGE_ROOT", Files.createTempDirectory("gallery-test-" + db.name().toLowerCase()).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("API_HOST", "127.0.0.1");
        env.put("GALLERY_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // sign-in tests name their own client address (X-Forwarded-For), so that the per-address throttle of one
        // test never slows another down
        env.put("TRUST_PROXY", "true");
        env.put("API_PORT", "0");
        if (db == Db.POSTGRES) {
            env.put("DATABASE_URL", TestServices.newPostgresDatabase());
            env.put("REDIS_URL", TestServices.redisUrl());
        }
        return env;
    }

    private static TestApp start(Db db) {
        TestApp app = startWith(db, Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(app.context::close));
        return app;
    }

    /** An app of the test's own, with extra settings; the test closes it. */
    public static TestApp startWith(Db db, Map<String, String> overrides) {
        return startWith(db, overrides, new String[0]);
    }

    /** An app of the test's own, with extra settings and Spring arguments ({@code --name=value}). */
    public static TestApp startWith(Db db, Map<String, String> overrides, String... args) {
        Map<String, String> env = freshEnvironment(db);
        env.putAll(overrides);
        Settings settings = SettingsLoader.load(env, Path.of("target"));
        return new TestApp(db, settings, GalleryApplication.start(settings, args));
    }

    /**
     * The settings every instance of one deployment shares: a fresh database (with Redis on PostgreSQL) and a bucket
     * of its own on the test S3 server.
     */
    public static Map<String, String> deploymentOnS3(Db db) {
        Map<String, String> env = freshEnvironment(db);
        env.putAll(TestS3.environment());
        return env;
    }

    /**
     * One instance's settings in such a deployment: its local copies of bucket files on a disk of its own, as on its
     * own host, and any further settings given as name, value pairs.
     */
    public static Map<String, String> instanceOf(Map<String, String> deployment, String... more) {
        Map<String, String> env = new HashMap<>(deployment);
        try {
            env.put("STORAGE_CACHE_DIR", Files.createTempDirectory("gallery-instance-cache").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    /** A second instance on the same database and storage, as behind a load balancer; the test closes it. */
    public TestApp secondInstance() {
        return secondInstance(Map.of());
    }

    /** A second instance on the same database and storage, with extra settings; the test closes it. */
    public TestApp secondInstance(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("STORAGE_ROOT", settings.storage().root().toString());
        env.put("API_HOST", "127.0.0.1");
        env.put("API_PORT", "0");
        env.put("TRUST_PROXY", "true");
        env.put("DATABASE_URL", settings.database().jdbcUrl()
                + (settings.database().user() == null ? "" : (settings.database().jdbcUrl().contains("?") ? "&" : "?")
                        + "user=" + settings.database().user()));
        if (settings.redisEnabled()) {
            env.put("REDIS_URL", settings.redisUrl());
        }
        env.putAll(overrides);
        Settings second = SettingsLoader.load(env, Path.of("target"));
        return new TestApp(db, second, GalleryApplication.start(second));
    }

    /** Signs in through the API and returns a client that sends the session cookie, as this site's own page would. */
    public Api signIn(String name, String password) {
        var response = signInResponse(name, password, randomAddress());
        if (response.status() != 200) {
            throw new AssertionError("sign-in as " + name + " failed: " + response);
        }
        String cookie = response.header("Set-Cookie");
        return api.withHeaders("Cookie", cookie.substring(0, cookie.indexOf(';')), "Origin", api.base());
    }

    public Api.Response signInResponse(String name, String password, String address) {
        return api.anonymous().withHeaders("X-Forwarded-For", address)
                .post("/api/v2/auth/login", Map.of("name", name, "password", password));
    }

    public static String randomAddress() {
        var r = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    public void close() {
        context.close();
    }

    public DSLContext sql() {
        return context.getBean(DSLContext.class);
    }

    public Path imagesDir() {
        return settings.storage().images();
    }

    /** The app's file store, whichever backend it runs on, to look at what it stored. */
    public FileStore files() {
        return context.getBean(FileStore.class);
    }

    public boolean stored(FileStore.Area area, String path) {
        return files().exists(area.key(path));
    }

    /** Every stored file (originals, thumbnails, crops) and work file the app keeps; the database's are not counted. */
    public long storedFileCount() {
        long count = 0;
        try {
            for (FileStore.Area area : FileStore.Area.values()) {
                count += files().list(area, "").size();
            }
            if (Files.isDirectory(settings.storage().temp())) {
                try (var work = Files.walk(settings.storage().temp())) {
                    count += work.filter(Files::isRegularFile).count();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    /** The stored path of the original with this file name (its first match). */
    public String storedOriginal(String fileName) {
        try {
            return files().list(FileStore.Area.IMAGES, "").stream().filter(p -> p.endsWith("/" + fileName))
                    .findFirst().orElseThrow(() -> new AssertionError("no stored original named " + fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
