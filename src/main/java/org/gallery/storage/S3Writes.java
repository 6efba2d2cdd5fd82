package org.gallery.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes to the bucket. Files go up in one request when small, as a multipart upload when large, which is aborted
 * when any part fails, so that no object and no stray parts are left behind; deletes go in batches.
 */
final class S3Writes {

    private static final Logger log = LoggerFactory.getLogger(S3Writes.class);
    /** Files above this go up in parts of this size: memory stays flat and a failed part is all that is resent. */
    static final long PART_BYTES = 16L * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private volatile boolean batchDeletes = true;

    S3Writes(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Uploads a file whole; {@code onlyIfNew} refuses (HTTP 412) when the key is taken meanwhile. */
    void upload(String objectKey, Path file, boolean onlyIfNew) throws IOException {
        long size = Files.size(file);
        if (size <= PART_BYTES) {
            s3.putObject(b -> {
                b.bucket(bucket).key(objectKey);
                if (onlyIfNew) {
                    b.ifNoneMatch("*");
                }
            }, RequestBody.fromFile(file));
            return;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(objectKey)).uploadId();
        try (FileChannel channel = FileChannel.open(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            for (long offset = 0; offset < size; offset += PART_BYTES) {
                int number = parts.size() + 1;
                long length = Math.min(PART_BYTES, size - offset);
                InputStream part = new Ranges.Bounded(Channels.newInputStream(channel.position(offset)), length);
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(number),
                        RequestBody.fromInputStream(part, length)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> {
                b.bucket(bucket).key(objectKey).uploadId(uploadId).multipartUpload(m -> m.parts(parts));
                if (onlyIfNew) {
                    b.ifNoneMatch("*");
                }
            });
        } catch (IOException | RuntimeException e) {
            abort(objectKey, uploadId);
            throw e;
        }
    }

    private void abort(String objectKey, String uploadId) {
        abort(s3, bucket, objectKey, uploadId);
    }

    static void abort(S3Client s3, String bucket, String objectKey, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                log.warn("Could not abort the upload of {} (the bucket's lifecycle rule for unfinished uploads will):"
                        + " {}", objectKey, e.getMessage());
            }
        } catch (SdkException e) {
            log.warn("Could not abort the upload of {} (the bucket's lifecycle rule for unfinished uploads will): {}",
                    objectKey, e.getMessage());
        }
    }

    /** Aborts every unfinished multipart upload to exactly this key, whoever started it. */
    static void abortUploads(S3Client s3, String bucket, String objectKey) {
        try {
            s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(objectKey)).uploads().stream()
                    .filter(u -> u.key().equals(objectKey))
                    .forEach(u -> abort(s3, bucket, objectKey, u.uploadId()));
        } catch (SdkException e) {
            log.warn("Could not list the unfinished uploads of {} (the bucket's lifecycle rule for them will remove"
                    + " them): {}", objectKey, e.getMessage());
        }
    }

    /** Deletes these objects (keys in the bucket), a thousand per request where the server allows. */
    void delete(List<String> objectKeys) {
        for (int from = 0; from < objectKeys.size(); from += 1000) {
            List<String> batch = objectKeys.subList(from, Math.min(objectKeys.size(), from + 1000));
            if (batchDeletes && batch.size() > 1) {
                try {
                    List<ObjectIdentifier> ids = batch.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
                    s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
                    continue;
                } catch (S3Exception e) {
                    if (e.statusCode() != 501) {
                        throw e;
                    }
                    // some S3-compatible servers lack the checksum headers a batch delete now carries
                    batchDeletes = false;
                }
            }
            for (String k : batch) {
                s3.deleteObject(b -> b.bucket(bucket).key(k));
            }
        }
    }
}
