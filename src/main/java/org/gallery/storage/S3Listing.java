package org.gallery.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;

/** Listings of a bucket, as paths relative to a prefix, sorted. */
final class S3Listing {

    private S3Listing() {
    }

    /** Every object under {@code prefix}, relative to {@code areaPrefix}. */
    static List<String> all(S3Client s3, String bucket, String areaPrefix, String prefix) {
        List<String> found = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                // folder markers (made by consoles, or by servers backed by a file system) hold no file
                .filter(o -> !o.key().endsWith("/"))
                .forEach(o -> found.add(o.key().substring(areaPrefix.length())));
        found.sort(null);
        return found;
    }

    /** The objects directly under {@code prefix} with their size and time, by name; dot names left out. */
    static SortedMap<String, FileStore.Stat> files(S3Client s3, String bucket, String prefix) {
        SortedMap<String, FileStore.Stat> found = new TreeMap<>();
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).delimiter("/"))) {
            page.contents().forEach(o -> {
                String name = o.key().substring(prefix.length());
                if (!name.isEmpty() && !name.startsWith(".")) {
                    found.put(name, new FileStore.Stat(o.size(), o.lastModified().toEpochMilli()));
                }
            });
        }
        return found;
    }

    /** The names directly under {@code prefix}: objects, and sub-folders ending in {@code /}. */
    static List<String> children(S3Client s3, String bucket, String prefix) {
        List<String> found = new ArrayList<>();
        // with a delimiter, the keys below a sub-folder come back once, as its common prefix
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).delimiter("/"))) {
            page.contents().forEach(o -> found.add(o.key().substring(prefix.length())));
            page.commonPrefixes().forEach(p -> found.add(p.prefix().substring(prefix.length())));
        }
        found.removeIf(name -> name.isEmpty() || name.startsWith("."));
        found.sort(null);
        return found;
    }
}
