package org.gallery.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gallery.config.Settings;
import org.gallery.testing.TestS3;
import software.amazon.awssdk.services.s3.S3Client;

/** What a test's bucket holds, read with a client of the test's own rather than through Gallery. */
public final class BucketView {

    private final Settings settings;

    public BucketView(Settings settings) {
        this.settings = settings;
    }

    public String bucket() {
        return settings.storage().s3().bucket();
    }

    /**
     * The keys under {@code S3_PREFIX/images/}, relative to it, sorted; folder markers (which servers backed by a
     * file system list) hold no file and are left out, as the file store leaves them out.
     */
    public List<String> images() {
        String prefix = settings.storage().s3().prefix() + "images/";
        try (S3Client s3 = TestS3.client()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(prefix)).contents().stream()
                    .map(o -> o.key().substring(prefix.length())).filter(k -> !k.endsWith("/")).sorted().toList();
        }
    }

    public void delete(String imagesPath) {
        try (S3Client s3 = TestS3.client()) {
            s3.deleteObject(b -> b.bucket(bucket()).key(settings.storage().s3().prefix() + "images/" + imagesPath));
        }
    }

    /** The files left in the local work folder, apart from the lock files the steps keep there. */
    public static List<String> workFiles(Settings settings) {
        Path work = settings.storage().temp();
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(work)) {
            return paths.filter(Files::isRegularFile).map(p -> work.relativize(p).toString())
                    .filter(p -> !p.endsWith(".lock")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
