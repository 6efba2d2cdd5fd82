package org.gallery.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A resumable write to a bucket: one multipart upload, a part sent each time {@code partBytes} are written (a file
 * smaller than one part goes up in one request when complete). The
 * state is the upload's id and the parts sent so far (size and ETag), so any instance can go on after the last of
 * them; what was written after it, held in memory only, is written again. Parts are sent again under the same
 * numbers, which replaces them. Until completed, the object does not exist.
 */
final class S3ResumableWrite extends OutputStream implements ResumableWrite {

    private static final String FORMAT = "s3-multipart-1";

    private record Part(long size, String etag) {
        /** Servers differ in quoting ETags between answers. */
        boolean sameAs(Part other) {
            return other != null && size == other.size && bare(etag).equals(bare(other.etag));
        }

        private static String bare(String etag) {
            return etag == null ? "" : etag.replace("\"", "");
        }
    }

    private final S3Client s3;
    private final String bucket;
    private final String objectKey;
    private String uploadId;
    private final List<Part> parts;
    private final byte[] buffer;
    private final long resumedAt;
    private int filled;

    private S3ResumableWrite(S3Client s3, String bucket, String objectKey, int partBytes, String uploadId,
            List<Part> parts) {
        this.s3 = s3;
        this.bucket = bucket;
        this.objectKey = objectKey;
        this.uploadId = uploadId;
        this.parts = parts;
        this.buffer = new byte[partBytes];
        this.resumedAt = parts.stream().mapToLong(Part::size).sum();
    }

    /** Goes on with the upload the state names, as far as its parts are still there; or starts a new one. */
    static S3ResumableWrite open(S3Client s3, String bucket, String objectKey, int partBytes, String state)
            throws IOException {
        try {
            String[] lines = state == null ? new String[0] : state.split("\n");
            if (lines.length >= 2 && lines[0].equals(FORMAT)) {
                List<Part> kept = stillThere(s3, bucket, objectKey, lines);
                if (kept != null && !kept.isEmpty()) {
                    return new S3ResumableWrite(s3, bucket, objectKey, partBytes, lines[1], kept);
                }
                // some servers list no parts rather than refuse an aborted upload: nothing of it is worth keeping
                S3Writes.abort(s3, bucket, objectKey, lines[1]);
            }
            // a first start, or the upload was aborted (the job failed): everything is written again
            return new S3ResumableWrite(s3, bucket, objectKey, partBytes, null, new ArrayList<>());
        } catch (SdkException e) {
            throw failure("start the upload of " + objectKey, e);
        }
    }

    /** The state's parts up to the first one the server no longer has as recorded; null when the upload is gone. */
    private static List<Part> stillThere(S3Client s3, String bucket, String objectKey, String[] lines) {
        String id = lines[1];
        Map<Integer, Part> uploaded = new HashMap<>();
        try {
            s3.listPartsPaginator(b -> b.bucket(bucket).key(objectKey).uploadId(id)).parts()
                    .forEach(p -> uploaded.put(p.partNumber(), new Part(p.size(), p.eTag())));
        } catch (NoSuchUploadException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
        List<Part> kept = new ArrayList<>();
        for (int i = 2; i < lines.length; i++) {
            int space = lines[i].indexOf(' ');
            Part recorded = new Part(Long.parseLong(lines[i].substring(0, space)), lines[i].substring(space + 1));
            if (!recorded.sameAs(uploaded.get(kept.size() + 1))) {
                break;
            }
            kept.add(recorded);
        }
        return kept;
    }

    @Override
    public long resumedAt() {
        return resumedAt;
    }

    @Override
    public OutputStream out() {
        return this;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == buffer.length) {
                sendPart();
            }
        }
    }

    @Override
    public void flush() {
        // parts go up when full: the minimum part size leaves no choice
    }

    private void sendPart() throws IOException {
        int number = parts.size() + 1;
        int length = filled;
        try {
            if (uploadId == null) {
                // started with the first part: a file that never fills one goes up in a single request
                uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(objectKey)).uploadId();
            }
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(number),
                    RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length)).eTag();
            parts.add(new Part(length, etag));
            filled = 0;
        } catch (SdkException e) {
            throw failure("upload part " + number + " of " + objectKey, e);
        }
    }

    @Override
    public boolean rewritable() {
        return false;
    }

    @Override
    public void rewrite(long offset, byte[] bytes) {
        throw new UnsupportedOperationException("Parts sent to the bucket cannot be changed");
    }

    @Override
    public String checkpoint() {
        if (uploadId == null) {
            return FORMAT;
        }
        StringBuilder state = new StringBuilder(FORMAT).append('\n').append(uploadId);
        for (Part p : parts) {
            state.append('\n').append(p.size()).append(' ').append(p.etag());
        }
        return state.toString();
    }

    @Override
    public long complete() throws IOException {
        if (uploadId == null) {
            try {
                s3.putObject(b -> b.bucket(bucket).key(objectKey),
                        RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled));
            } catch (SdkException e) {
                throw failure("upload " + objectKey, e);
            }
            S3Writes.abortUploads(s3, bucket, objectKey);
            return filled;
        }
        if (filled > 0) {
            sendPart();
        }
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            done.add(CompletedPart.builder().partNumber(i + 1).eTag(parts.get(i).etag()).build());
        }
        try {
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(done)));
        } catch (SdkException e) {
            throw failure("complete the upload of " + objectKey, e);
        }
        // uploads a writer started and died before recording are of no use now
        S3Writes.abortUploads(s3, bucket, objectKey);
        return parts.stream().mapToLong(Part::size).sum();
    }

    @Override
    public void abandon() {
        if (uploadId != null) {
            S3Writes.abort(s3, bucket, objectKey, uploadId);
        }
    }

    @Override
    public void close() {
        // the parts sent stay for a resume; the bytes held here are written again by the next writer
    }

    private static IOException failure(String what, SdkException e) {
        return new IOException("The file storage is unavailable: cannot " + what + " (" + S3Connection.rootMessage(e)
                + ")", e);
    }
}
