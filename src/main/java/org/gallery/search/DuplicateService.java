package org.gallery.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.gallery.image.ImageService;
import org.gallery.imaging.PixelHash;
import org.gallery.photoset.PhotosetService;
import org.gallery.web.ApiException;
import org.gallery.web.Cursor;
import org.gallery.web.Page;
import org.springframework.stereotype.Service;

/** Near-duplicates by perceptual hash: groups across a photoset or the library, and the images closest to one. */
@Service
public class DuplicateService {

    /**
     * pHash bits two copies of one shot may differ by and still count as one: on resized, re-encoded, cropped and
     * brightened copies of real photos (bench/duplicates.sh) 12 found 97.6 % of the true pairs and no false one;
     * 10 found 94.8 %, 16 began to pair different photos.
     */
    public static final int DEFAULT_MAX_DISTANCE = 12;
    public static final int MAX_DISTANCE = 24;

    /** The one of a group to keep: the most pixels, then the larger file, then the oldest. */
    static final Comparator<PixelHashes.Hashed> KEEP_FIRST = Comparator
            .comparingLong(PixelHashes.Hashed::pixels).reversed()
            .thenComparing(Comparator.comparingLong(PixelHashes.Hashed::bytes).reversed())
            .thenComparingLong(PixelHashes.Hashed::createdAt)
            .thenComparing(PixelHashes.Hashed::id);

    private final PixelHashes hashes;
    private final HashBackfill backfill;
    private final ImageService images;
    private final PhotosetService photosets;

    DuplicateService(PixelHashes hashes, HashBackfill backfill, ImageService images, PhotosetService photosets) {
        this.hashes = hashes;
        this.backfill = backfill;
        this.images = images;
        this.photosets = photosets;
    }

    /** Groups, largest first, a page at a time (the cursor is the offset into this ordering). */
    public Page<DuplicateGroup> groups(UUID photosetId, Integer maxDistance, Integer limitParam, String cursor) {
        int r = checkDistance(maxDistance);
        int limit = Page.checkLimit(limitParam);
        if (photosetId != null && !photosets.exists(photosetId)) {
            throw ApiException.notFound("Photoset", photosetId);
        }
        String sort = "duplicates:" + photosetId + ":" + r;
        int offset = cursor == null ? 0 : parseOffset(Cursor.decode(cursor, sort, 1).values().getFirst());
        List<PixelHashes.Hashed> all = hashes.all(photosetId);
        long[] values = all.stream().mapToLong(PixelHashes.Hashed::phash).toArray();
        List<List<PixelHashes.Hashed>> groups = new ArrayList<>();
        for (int[] members : HammingGroups.groups(values, r)) {
            List<PixelHashes.Hashed> group = new ArrayList<>();
            for (int i : members) {
                group.add(all.get(i));
            }
            group.sort(KEEP_FIRST);
            groups.add(group);
        }
        groups.sort(Comparator.<List<PixelHashes.Hashed>>comparingInt(List::size).reversed()
                .thenComparing(g -> g.getFirst().id()));
        List<DuplicateGroup> page = new ArrayList<>();
        for (List<PixelHashes.Hashed> group : groups.subList(Math.min(offset, groups.size()),
                Math.min(offset + limit, groups.size()))) {
            PixelHashes.Hashed keep = group.getFirst();
            List<SimilarImage> others = group.subList(1, group.size()).stream()
                    .map(h -> new SimilarImage(images.get(h.id()), PixelHash.distance(keep.phash(), h.phash())))
                    .toList();
            page.add(new DuplicateGroup(images.get(keep.id()), others));
        }
        String next = offset + limit < groups.size()
                ? new Cursor(sort, List.of(String.valueOf(offset + limit))).encode() : null;
        return new Page<>(page, next);
    }

    /**
     * The images (of one photoset, or all) whose hash lies within {@code maxDistance} of this one's, closest first;
     * this one is hashed first if it has no hash yet.
     */
    public Page<SimilarImage> similar(UUID imageId, UUID photosetId, Integer maxDistance, Integer limitParam) {
        int r = checkDistance(maxDistance);
        int limit = Page.checkLimit(limitParam);
        images.get(imageId);
        if (photosetId != null && !photosets.exists(photosetId)) {
            throw ApiException.notFound("Photoset", photosetId);
        }
        long target = hashes.phash(imageId).orElseGet(() -> backfill.hash(imageId).phash());
        List<PixelHashes.Hashed> all = hashes.all(photosetId);
        record Near(UUID id, int distance) {
        }
        // one pass of XOR and popcount: a million hashes take a few milliseconds, less than reading them
        List<Near> near = new ArrayList<>();
        for (PixelHashes.Hashed h : all) {
            int d = PixelHash.distance(target, h.phash());
            if (d <= r && !h.id().equals(imageId)) {
                near.add(new Near(h.id(), d));
            }
        }
        near.sort(Comparator.comparingInt(Near::distance).thenComparing(Near::id));
        return new Page<>(near.stream().limit(limit).map(n -> new SimilarImage(images.get(n.id()), n.distance()))
                .toList(), null);
    }

    private static int checkDistance(Integer maxDistance) {
        if (maxDistance == null) {
            return DEFAULT_MAX_DISTANCE;
        }
        if (maxDistance < 0 || maxDistance > MAX_DISTANCE) {
            throw ApiException.invalidField("max_distance", "must be between 0 and " + MAX_DISTANCE + " (bits of 64)");
        }
        return maxDistance;
    }

    private static int parseOffset(String value) {
        try {
            int offset = Integer.parseInt(value);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalidField("cursor", "not a cursor returned by this list");
    }
}
