package org.gallery.caption;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.gallery.image.ImageQuery;
import org.gallery.image.ImageService;
import org.gallery.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Find and replace over the current captions of a selection — the bulk clean-up of a dataset. A dry run reports
 * what would change; a real run saves each changed caption as a new version, so nothing is lost.
 */
@Service
class CaptionReplacement {

    record Change(UUID imageId, String before, String after) {
    }

    record Report(int examined, int changed, boolean dryRun, List<Change> changes) {
    }

    private static final int PAGE = 500;

    private final CaptionService captions;
    private final ImageService images;
    private final TransactionTemplate tx;

    CaptionReplacement(CaptionService captions, ImageService images, TransactionTemplate tx) {
        this.captions = captions;
        this.images = images;
        this.tx = tx;
    }

    Report replace(ReplaceRequest request) {
        if (request.find() == null || request.find().isEmpty()) {
            throw ApiException.invalidField("find", "is required");
        }
        Pattern pattern = pattern(request);
        String replacement = request.replace() == null ? "" : request.replace();
        if (!Boolean.TRUE.equals(request.regex())) {
            replacement = Matcher.quoteReplacement(replacement);
        }
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        Set<UUID> selected = selection(request);
        if (dryRun) {
            return examine(selected, pattern, replacement, true);
        }
        String rewrite = replacement;
        return tx.execute(s -> {
            // lock the images in id order (a photoset's delete takes them in that order too), then read each caption
            // under its lock, so a save made meanwhile is the text replaced, not overwritten with a stale one
            Set<UUID> alive = new LinkedHashSet<>();
            new java.util.TreeSet<>(selected).forEach(id -> {
                if (images.lockIfExists(id)) {
                    alive.add(id);
                }
            });
            selected.retainAll(alive);
            Report report = examine(selected, pattern, rewrite, false);
            for (Change change : report.changes()) {
                if (change.after().isEmpty()) {
                    throw ApiException.invalidField("replace", "would leave the caption of image " + change.imageId() + " empty");
                }
            }
            report.changes().forEach(c -> captions.save(c.imageId(), CaptionVersion.manual(c.after())));
            return report;
        });
    }

    /** The changes the replacement makes to the current captions of these images; images deleted meanwhile are left out. */
    private Report examine(Set<UUID> imageIds, Pattern pattern, String replacement, boolean dryRun) {
        List<Change> changes = new ArrayList<>();
        int examined = 0;
        for (UUID imageId : imageIds) {
            var current = captions.current(imageId);
            if (current.isEmpty()) {
                continue;
            }
            examined++;
            String before = current.get().caption();
            String after;
            try {
                after = pattern.matcher(before).replaceAll(replacement).strip();
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw ApiException.invalidField("replace", "not a valid replacement: " + e.getMessage());
            }
            if (!after.equals(before)) {
                changes.add(new Change(imageId, before, after));
            }
        }
        return new Report(examined, changes.size(), dryRun, changes);
    }

    private static Pattern pattern(ReplaceRequest request) {
        int flags = Boolean.TRUE.equals(request.ignoreCase()) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        try {
            return Boolean.TRUE.equals(request.regex())
                    ? Pattern.compile(request.find(), flags)
                    : Pattern.compile(Pattern.quote(request.find()), flags);
        } catch (PatternSyntaxException e) {
            throw ApiException.invalidField("find", "not a valid regular expression: " + e.getDescription());
        }
    }

    private Set<UUID> selection(ReplaceRequest request) {
        int given = (request.photosetId() != null ? 1 : 0) + (request.imageIds() != null ? 1 : 0)
                + (request.filter() != null ? 1 : 0) + (Boolean.TRUE.equals(request.all()) ? 1 : 0);
        if (given != 1) {
            throw ApiException.badRequest("Give exactly one selection: photoset_id, image_ids, filter or \"all\": true");
        }
        if (request.filter() != null) {
            Set<UUID> ids = new LinkedHashSet<>();
            images.ids(images.filter(request.filter())).forEachRemaining(ids::add);
            return ids;
        }
        if (request.imageIds() != null) {
            for (UUID id : request.imageIds()) {
                if (!images.exists(id)) {
                    throw ApiException.invalidField("image_ids", "image " + id + " does not exist");
                }
            }
            return new LinkedHashSet<>(request.imageIds());
        }
        Set<UUID> ids = new LinkedHashSet<>();
        String cursor = null;
        do {
            var page = images.list(new ImageQuery(request.photosetId(), null, true, null, null, null, null, null,
                    "created", "asc", PAGE, cursor));
            page.items().forEach(i -> ids.add(i.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }
}
