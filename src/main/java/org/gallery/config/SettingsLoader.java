package org.gallery.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/** Reads and validates the settings; a bad value fails with one line naming the variable and what it accepts. */
public final class SettingsLoader {

    static final Set<String> IMAGE_ENGINES = Set.of("auto", "vips", "java");
    static final Set<String> STORAGE_BACKENDS = Set.of("local", "s3");
    static final Set<String> CAPTION_GENERATORS = Set.of("dummy", "openai", "ollama", "unsloth");
    static final Set<String> EMBEDDING_MODES = Set.of("off", "onnx", "openai");
    static final Set<String> VECTOR_STORES = Set.of("auto", "lucene", "pgvector", "qdrant");

    private final Map<String, String> values;

    private SettingsLoader(Map<String, String> values) {
        this.values = values;
    }

    /** The process environment over the {@code .env} file of the working directory. */
    public static Settings fromEnvironment() {
        return load(System.getenv(), Path.of("").toAbsolutePath());
    }

    public static Settings load(Map<String, String> environment, Path workingDirectory) {
        Map<String, String> merged = new HashMap<>(DotEnv.read(workingDirectory.resolve(".env")));
        environment.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        return new SettingsLoader(merged).build(workingDirectory);
    }

    private Settings build(Path workingDirectory) {
        Path root = path("STORAGE_ROOT", workingDirectory, workingDirectory.resolve("gallery-data"));
        var storage = new Settings.StoragePaths(root,
                path("IMAGES_DIR", workingDirectory, root.resolve("images")),
                path("THUMBNAILS_DIR", workingDirectory, root.resolve("thumbnails")),
                path("CROPS_DIR", workingDirectory, root.resolve("crops")),
                path("ARCHIVES_DIR", workingDirectory, root.resolve("archives")),
                choice("STORAGE_BACKEND", "local", STORAGE_BACKENDS),
                s3(),
                path("STORAGE_CACHE_DIR", workingDirectory, root.resolve("cache")),
                integer("STORAGE_CACHE_MB", 1024, 0, 10_485_760));
        String dbValue = text("DATABASE_URL", null);
        DatabaseUrl database = dbValue == null
                ? DatabaseUrl.sqliteFile(root.resolve("gallery.db"))
                : DatabaseUrl.parse(dbValue);
        var imaging = new Settings.Imaging(
                choice("IMAGE_ENGINE", "auto", IMAGE_ENGINES),
                integer("MAX_UPLOAD_MB", 200, 1, 100_000) * 1024L * 1024L,
                longValue("MAX_IMAGE_PIXELS", 200_000_000L, 1, 10_000_000_000L),
                integer("THUMBNAIL_SMALL_SIZE", 256, 16, 8192),
                integer("THUMBNAIL_MEDIUM_SIZE", 512, 16, 8192),
                integer("THUMBNAIL_LARGE_SIZE", 1024, 16, 8192),
                integer("THUMBNAIL_QUALITY", 85, 1, 100),
                integer("IMAGE_CACHE_SIZE_MB", 128, 0, 65_536));
        var captions = new Settings.Captions(
                choice("CAPTION_GENERATOR", "dummy", CAPTION_GENERATORS),
                text("CAPTION_MODEL", null),
                url("OPENAI_BASE_URL", "https://api.openai.com/v1"),
                text("OPENAI_API_KEY", null),
                url("OLLAMA_BASE_URL", "http://127.0.0.1:11434"),
                url("UNSLOTH_BASE_URL", "http://127.0.0.1:8000/v1"),
                text("UNSLOTH_MODEL_PATH", null),
                integer("CAPTION_TIMEOUT_SECONDS", 120, 1, 3600),
                integer("CAPTION_CONCURRENCY", 2, 1, 256),
                integer("CAPTION_IMAGE_MAX_SIZE", 1024, 64, 8192));
        String redis = text("REDIS_URL", null);
        if (redis != null && !(redis.startsWith("redis://") || redis.startsWith("rediss://"))) {
            throw new InvalidSettingException("REDIS_URL", redis, "expected redis://[:password@]host:port[/db] or rediss://...");
        }
        return new Settings(
                database,
                bool("AUTO_MIGRATE", true),
                redis,
                storage,
                text("API_HOST", "0.0.0.0"),
                integer("API_PORT", 8002, 0, 65535),
                stringList("CORS_ORIGINS"),
                integer("METADATA_CACHE_TTL_SECONDS", 300, 0, 86_400 * 30),
                imaging,
                captions,
                integer("JOB_WORKERS", Runtime.getRuntime().availableProcessors(), 1, 256),
                integer("EXPORT_TTL_HOURS", 24, 1, 24 * 365),
                new Settings.ArchiveLimits(
                        integer("ARCHIVE_MAX_ENTRY_MB", 512, 1, 1_048_576) * 1024L * 1024L,
                        integer("ARCHIVE_MAX_TOTAL_MB", 65_536, 1, 67_108_864) * 1024L * 1024L,
                        integer("ARCHIVE_MAX_RATIO", 100, 2, 1_000_000),
                        integer("ARCHIVE_MAX_ENTRIES", 100_000, 1, 100_000_000)),
                new Settings.Auth(
                        "required".equals(choice("AUTH", "required", Set.of("required", "off"))),
                        bool("TRUST_PROXY", false),
                        integer("SESSION_IDLE_MINUTES", 7 * 24 * 60, 1, 365 * 24 * 60),
                        integer("SESSION_MAX_DAYS", 30, 1, 3650),
                        text("GALLERY_ADMIN_PASSWORD", null)),
                embeddings(workingDirectory));
    }

    private Settings.Embeddings embeddings(Path workingDirectory) {
        String mode = choice("EMBEDDINGS", "off", EMBEDDING_MODES);
        Path modelDir = text("EMBEDDING_MODEL_DIR", null) == null ? null : path("EMBEDDING_MODEL_DIR", workingDirectory, null);
        if ("onnx".equals(mode) && modelDir == null) {
            throw new InvalidSettingException("EMBEDDING_MODEL_DIR", "", "EMBEDDINGS=onnx needs the folder of an ONNX "
                    + "export (visual and textual model.onnx, tokenizer files, config)");
        }
        String baseUrl = text("EMBEDDING_BASE_URL", null) == null ? null : url("EMBEDDING_BASE_URL", null);
        String model = text("EMBEDDING_MODEL", null);
        if ("openai".equals(mode) && (baseUrl == null || model == null)) {
            throw new InvalidSettingException(baseUrl == null ? "EMBEDDING_BASE_URL" : "EMBEDDING_MODEL", "",
                    "EMBEDDINGS=openai needs EMBEDDING_BASE_URL (e.g. http://127.0.0.1:7997) and EMBEDDING_MODEL");
        }
        String vectorStore = choice("VECTOR_STORE", "auto", VECTOR_STORES);
        String qdrantUrl = text("QDRANT_URL", null) == null ? null : url("QDRANT_URL", null);
        if ("qdrant".equals(vectorStore) && qdrantUrl == null) {
            throw new InvalidSettingException("QDRANT_URL", "", "VECTOR_STORE=qdrant needs the address of the Qdrant "
                    + "server's gRPC port, e.g. http://127.0.0.1:6334");
        }
        String prefix = text("QDRANT_COLLECTION_PREFIX", "gallery_");
        if (!prefix.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InvalidSettingException("QDRANT_COLLECTION_PREFIX", prefix,
                    "expected up to 64 letters, digits, '_' or '-'");
        }
        return new Settings.Embeddings(mode, modelDir, baseUrl, model, text("EMBEDDING_API_KEY", null), vectorStore,
                qdrantUrl, text("QDRANT_API_KEY", null), prefix);
    }

    private Settings.S3 s3() {
        String bucket = text("S3_BUCKET", null);
        if ("s3".equals(text("STORAGE_BACKEND", "local").toLowerCase(Locale.ROOT)) && bucket == null) {
            throw new InvalidSettingException("S3_BUCKET", "", "expected the bucket's name when STORAGE_BACKEND=s3");
        }
        String endpoint = text("S3_ENDPOINT", null);
        String prefix = text("S3_PREFIX", "");
        prefix = prefix.replaceAll("^/+", "").replaceAll("/+$", "");
        String keyId = text("S3_ACCESS_KEY_ID", null);
        String secret = text("S3_SECRET_ACCESS_KEY", null);
        if ((keyId == null) != (secret == null)) {
            throw new InvalidSettingException(keyId == null ? "S3_ACCESS_KEY_ID" : "S3_SECRET_ACCESS_KEY", "",
                    "expected both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither");
        }
        return new Settings.S3(endpoint == null ? null : url("S3_ENDPOINT", null), text("S3_REGION", "us-east-1"),
                bucket, prefix.isEmpty() ? "" : prefix + "/", keyId, secret, bool("S3_PATH_STYLE", false),
                bool("S3_PRESIGNED_DOWNLOADS", false));
    }

    private String text(String name, String fallback) {
        String v = values.get(name);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    private Path path(String name, Path base, Path fallback) {
        String v = text(name, null);
        return (v == null ? fallback : base.resolve(v)).toAbsolutePath().normalize();
    }

    private int integer(String name, int fallback, int min, int max) {
        return (int) longValue(name, fallback, min, max);
    }

    private long longValue(String name, long fallback, long min, long max) {
        String v = text(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(v.replace("_", ""));
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw new InvalidSettingException(name, v, "expected a whole number from " + min + " to " + max);
    }

    private boolean bool(String name, boolean fallback) {
        String v = text(name, null);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new InvalidSettingException(name, v, "expected true or false");
        };
    }

    private String choice(String name, String fallback, Set<String> accepted) {
        String v = text(name, fallback).toLowerCase(Locale.ROOT);
        if (!accepted.contains(v)) {
            throw new InvalidSettingException(name, v, "expected one of " + accepted.stream().sorted().toList());
        }
        return v;
    }

    private String url(String name, String fallback) {
        String v = text(name, fallback);
        try {
            URI uri = URI.create(v);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new InvalidSettingException(name, v, "expected an http:// or https:// URL");
    }

    private List<String> stringList(String name) {
        String v = text(name, null);
        if (v == null) {
            return List.of();
        }
        if (v.startsWith("[")) {
            try {
                return List.of(JsonMapper.builder().build().readValue(v, String[].class));
            } catch (RuntimeException e) {
                throw new InvalidSettingException(name, v, "expected a JSON list of origins, e.g. [\"http://localhost:3000\"]");
            }
        }
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
