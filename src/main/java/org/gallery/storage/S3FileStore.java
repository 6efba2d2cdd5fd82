package org.gallery.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.gallery.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Stored files as objects in one bucket, under {@code S3_PREFIX} + {@code images/}, {@code thumbnails/} or
 * {@code crops/} + the same relative path as on disk. An object appears whole or not at all: single requests are
 * atomic, and a multipart upload that fails is aborted.
 */
class S3FileStore implements FileStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3FileStore.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final Settings.S3 settings;
    private final String bucket;
    private final Path work;
    private final DiskCache cache;
    private final S3Writes writes;
    private final int partBytes;

    S3FileStore(Settings.StoragePaths paths, S3Client s3, S3Presigner presigner, int partBytes) {
        this.partBytes = partBytes;
        this.cache = new DiskCache(paths.cacheDir(), paths.cacheMb() * 1024L * 1024L);
        this.s3 = s3;
        this.presigner = presigner;
        this.settings = paths.s3();
        this.bucket = settings.bucket();
        this.work = paths.temp().toAbsolutePath().normalize();
        this.writes = new S3Writes(s3, bucket);
    }

    /** Thumbnails and crops are small and read often: worth a local copy. Originals and exports are streamed. */
    private static boolean cacheable(Key key) {
        return key.area() == Area.THUMBNAILS || key.area() == Area.CROPS;
    }

    String objectKey(Key key) {
        return settings.prefix() + key.area().prefix() + "/" + key.path();
    }

    @Override
    public Path newTempFile() throws IOException {
        Files.createDirectories(work);
        return StorageFiles.newTempFile(work, "upload-", ".part");
    }

    @Override
    public String store(Path completeTempFile, String folder, String fileName) throws IOException {
        String stem = SafeNames.stem(fileName);
        String ext = SafeNames.extension(fileName);
        try {
            for (int n = 1; n < 100_000; n++) {
                String candidate = folder + "/" + (n == 1 ? fileName : stem + "_" + n + ext);
                Key key = Area.IMAGES.key(candidate);
                if (exists(key)) {
                    continue;
                }
                try {
                    // If-None-Match: two uploads racing for one name never overwrite each other
                    writes.upload(objectKey(key), completeTempFile, true);
                } catch (S3Exception e) {
                    if (e.statusCode() == 412 || e.statusCode() == 409) {
                        continue;
                    }
                    throw e;
                }
                Files.deleteIfExists(completeTempFile);
                return candidate;
            }
        } catch (SdkException e) {
            throw unavailable("store " + folder + "/" + fileName, e);
        }
        throw new IOException("No free file name for " + fileName + " in " + folder);
    }

    @Override
    public void put(Key key, byte[] bytes) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(objectKey(key)), RequestBody.fromBytes(bytes));
            cache.forget(key);
        } catch (SdkException e) {
            throw unavailable("write " + key, e);
        }
    }

    @Override
    public void put(Key key, Path completeTempFile) throws IOException {
        try {
            writes.upload(objectKey(key), completeTempFile, false);
            cache.forget(key);
        } catch (SdkException e) {
            throw unavailable("write " + key, e);
        }
        Files.deleteIfExists(completeTempFile);
    }

    @Override
    public ResumableWrite openResumableWrite(Key key, String state) throws IOException {
        return S3ResumableWrite.open(s3, bucket, objectKey(key), partBytes, state);
    }

    @Override
    public void abortResumableWrites(Key key) {
        S3Writes.abortUploads(s3, bucket, objectKey(key));
    }

    @Override
    public Optional<Stat> stat(Key key) {
        Optional<Path> copy = cacheable(key) ? cache.get(key) : Optional.empty();
        if (copy.isPresent()) {
            try {
                return Optional.of(new Stat(Files.size(copy.get()), Files.getLastModifiedTime(copy.get()).toMillis()));
            } catch (IOException evictedMeanwhile) {
                // asked of the bucket below
            }
        }
        try {
            var head = s3.headObject(b -> b.bucket(bucket).key(objectKey(key)));
            return Optional.of(new Stat(head.contentLength(), head.lastModified().toEpochMilli()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable("read " + key, e);
        } catch (SdkException e) {
            throw unavailable("read " + key, e);
        }
    }

    @Override
    public byte[] read(Key key) throws IOException {
        if (!cacheable(key)) {
            return FileStore.super.read(key);
        }
        Optional<Path> copy = cache.get(key);
        if (copy.isPresent()) {
            try {
                return Files.readAllBytes(copy.get());
            } catch (NoSuchFileException evictedMeanwhile) {
                // fetched below
            }
        }
        try {
            var object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey(key)));
            byte[] bytes = object.asByteArray();
            cache.put(key, bytes, object.response().lastModified().toEpochMilli());
            return bytes;
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key.area().prefix() + "/" + key.path());
        } catch (SdkException e) {
            throw unavailable("read " + key, e);
        }
    }

    @Override
    public InputStream open(Key key, long offset, long length) throws IOException {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        Optional<Path> copy = cacheable(key) ? cache.get(key) : Optional.empty();
        if (copy.isPresent()) {
            try {
                return Ranges.open(copy.get(), offset, length);
            } catch (NoSuchFileException evictedMeanwhile) {
                // fetched below
            }
        }
        String range = offset == 0 && length < 0 ? null
                : "bytes=" + offset + "-" + (length < 0 ? "" : String.valueOf(offset + length - 1));
        try {
            return s3.getObject(b -> b.bucket(bucket).key(objectKey(key)).range(range));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key.area().prefix() + "/" + key.path());
        } catch (SdkException e) {
            throw unavailable("read " + key, e);
        }
    }

    @Override
    public LocalFile local(Key key) throws IOException {
        Path copy = newTempFile();
        try {
            Files.delete(copy);
            s3.getObject(b -> b.bucket(bucket).key(objectKey(key)), ResponseTransformer.toFile(copy));
        } catch (NoSuchKeyException e) {
            Files.deleteIfExists(copy);
            throw new NoSuchFileException(key.area().prefix() + "/" + key.path());
        } catch (SdkException e) {
            Files.deleteIfExists(copy);
            throw unavailable("read " + key, e);
        }
        return StorageFiles.deletedOnClose(copy);
    }

    @Override
    public Optional<Path> localIfPresent(Key key) {
        return cacheable(key) ? cache.get(key) : Optional.empty();
    }

    @Override
    public void delete(Key key) {
        cache.forget(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(objectKey(key)));
        } catch (SdkException e) {
            log.warn("Could not delete {}: {}", key, e.getMessage());
        }
    }

    @Override
    public void forgetCopies(Area area, String folder) {
        cache.forgetFolder(area, folder);
    }

    @Override
    public void deleteAll(Area area, String folder) {
        cache.forgetFolder(area, folder);
        try {
            writes.delete(list(area, folder).stream().map(p -> objectKey(area.key(p))).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SdkException e) {
            throw unavailable("delete " + area.prefix() + "/" + folder, e);
        }
    }

    @Override
    public List<String> list(Area area, String folder) throws IOException {
        String areaPrefix = settings.prefix() + area.prefix() + "/";
        try {
            return S3Listing.all(s3, bucket, areaPrefix, areaPrefix + (folder.isEmpty() ? "" : folder + "/"));
        } catch (SdkException e) {
            throw unavailable("list " + areaPrefix + folder, e);
        }
    }

    @Override
    public List<String> children(Area area, String folder) throws IOException {
        String prefix = settings.prefix() + area.prefix() + "/" + (folder.isEmpty() ? "" : folder + "/");
        try {
            return S3Listing.children(s3, bucket, prefix);
        } catch (SdkException e) {
            throw unavailable("list " + prefix, e);
        }
    }

    @Override
    public SortedMap<String, Stat> files(Area area, String folder) throws IOException {
        String prefix = settings.prefix() + area.prefix() + "/" + (folder.isEmpty() ? "" : folder + "/");
        try {
            return S3Listing.files(s3, bucket, prefix);
        } catch (SdkException e) {
            throw unavailable("list " + prefix, e);
        }
    }

    @Override
    public String location(Area area) {
        String prefix = settings.prefix().replaceAll("/+$", "");
        return "s3://" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/") + area.prefix();
    }

    @Override
    public void deleteFolderIfEmpty(String folder) {
        // a bucket has no folders, only keys that share a prefix
    }

    @Override
    public Optional<URI> downloadUrl(Key key, String fileName, String mimeType, Duration validFor) {
        return settings.presignedDownloads()
                ? Optional.of(S3Connection.presign(presigner, bucket, objectKey(key), fileName, mimeType, validFor))
                : Optional.empty();
    }

    @Override
    public Health health() {
        return S3Connection.health(s3, bucket);
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    private StorageUnavailableException unavailable(String what, SdkException e) {
        return new StorageUnavailableException("The file storage is unavailable: cannot " + what + " ("
                + S3Connection.rootMessage(e) + ")", e);
    }
}
