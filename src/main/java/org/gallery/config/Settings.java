package org.gallery.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Every setting Gallery reads, validated once at start-up. Built by {@link SettingsLoader} from the environment
 * and a {@code .env} file; the README and {@code .env.example} list the same names.
 */
public record Settings(
        DatabaseUrl database,
        boolean autoMigrate,
        String redisUrl,
        StoragePaths storage,
        String apiHost,
        int apiPort,
        List<String> corsOrigins,
        int metadataCacheTtlSeconds,
        Imaging imaging,
        Captions captions,
        int jobWorkers,
        int exportTtlHours,
        ArchiveLimits archiveLimits,
        Auth auth,
        Embeddings embeddings) {

    public record StoragePaths(Path root, Path images, Path thumbnails, Path crops, Path archives) {
        /** Work files live under the root so that a finished file is renamed into place, never copied. */
        public Path temp() {
            return root.resolve("tmp");
        }
    }

    public record Imaging(
            String engine,
            long maxUploadBytes,
            long maxImagePixels,
            int thumbnailSmall,
            int thumbnailMedium,
            int thumbnailLarge,
            int thumbnailQuality,
            int imageCacheSizeMb) {
    }

    public record Captions(
            String generator,
            String model,
            String openaiBaseUrl,
            String openaiApiKey,
            String ollamaBaseUrl,
            String unslothBaseUrl,
            String unslothModelPath,
            int timeoutSeconds,
            int concurrency,
            int imageMaxSize) {
    }

    /**
     * Limits for unpacking archives during migration. They guard against decompression bombs and are checked
     * against the bytes actually produced, never against sizes an archive declares.
     */
    public record ArchiveLimits(long maxEntryBytes, long maxArchiveBytes, int maxCompressionRatio, int maxEntries) {
    }

    /**
     * Accounts: {@code required} asks every API request for a session or a token; {@code off} is for a single-user
     * laptop and only binds a loopback address. {@code adminPassword} is the first admin's password (null: random).
     */
    public record Auth(boolean required, boolean trustProxy, long sessionIdleMinutes, long sessionMaxDays,
            String adminPassword) {
    }

    /**
     * Image embeddings: {@code mode} is {@code off}, {@code onnx} (a model in {@code modelDir}, run in-process) or
     * {@code openai} (a remote {@code /v1/embeddings} server); {@code vectorStore} is where their index lives.
     */
    public record Embeddings(String mode, Path modelDir, String baseUrl, String model, String apiKey,
            String vectorStore, String qdrantUrl, String qdrantApiKey) {
        public boolean enabled() {
            return !"off".equals(mode);
        }
    }

    public boolean redisEnabled() {
        return redisUrl != null && !redisUrl.isBlank();
    }
}
