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

    /**
     * Where files live. {@code backend} is {@code local} (the folders) or {@code s3} (a bucket, {@link S3}); the cache
     * folder and its bound in MiB hold local copies of stored files when they live in a bucket.
     */
    public record StoragePaths(Path root, Path images, Path thumbnails, Path crops, Path archives, String backend,
            S3 s3, Path cacheDir, int cacheMb) {
        /** Work files live under the root so that a finished file is renamed into place, never copied. */
        public Path temp() {
            return root.resolve("tmp");
        }

        public boolean local() {
            return "local".equals(backend);
        }
    }

    /** An S3-protocol bucket; a null endpoint means AWS itself, a null key the SDK's usual credential sources. */
    public record S3(String endpoint, String region, String bucket, String prefix, String accessKeyId,
            String secretAccessKey, boolean pathStyle, boolean presignedDownloads) {
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix + "]";
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
     * {@code openai} (a remote {@code /v1/embeddings} server); {@code vectorStore} is where their index lives:
     * {@code lucene} on local disk or {@code qdrant}, a Qdrant server at {@code qdrantUrl} (its gRPC port) whose
     * collections Gallery names with {@code qdrantCollectionPrefix}.
     */
    public record Embeddings(String mode, Path modelDir, String baseUrl, String model, String apiKey,
            String vectorStore, String qdrantUrl, String qdrantApiKey, String qdrantCollectionPrefix) {
        @Override
        public String toString() {
            return "Embeddings[mode=" + mode + ", modelDir=" + modelDir + ", baseUrl=" + baseUrl + ", model=" + model
                    + ", vectorStore=" + vectorStore + ", qdrantUrl=" + qdrantUrl + "]";
        }

        public boolean enabled() {
            return !"off".equals(mode);
        }
    }

    public boolean redisEnabled() {
        return redisUrl != null && !redisUrl.isBlank();
    }
}
