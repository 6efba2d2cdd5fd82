package org.gallery.export;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.config.Settings;
import org.gallery.image.Image;
import org.gallery.jobs.Job;
import org.gallery.jobs.JobStatus;
import org.gallery.jobs.Jobs;
import org.gallery.jobs.PlannedItem;
import org.gallery.photoset.PhotosetService;
import org.gallery.shared.Times;
import org.gallery.storage.FileStore;
import org.gallery.storage.SafeNames;
import org.gallery.storage.StoredFileResource;
import org.gallery.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** ZIP exports of selected images: as background jobs kept for a while, or streamed straight away. */
@Service
public class ExportService {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Jobs jobs;
    private final FileStore files;
    private final ExportSelections selections;
    private final ExportItems items;
    private final StreamingExports streaming;
    private final PhotosetService photosets;
    private final JsonMapper json;
    private final Duration ttl;

    ExportService(Jobs jobs, FileStore files, ExportSelections selections, ExportItems items,
            StreamingExports streaming, PhotosetService photosets, JsonMapper json, Settings settings) {
        this.jobs = jobs;
        this.files = files;
        this.selections = selections;
        this.items = items;
        this.streaming = streaming;
        this.photosets = photosets;
        this.json = json;
        this.ttl = Duration.ofHours(settings.exportTtlHours());
    }

    /** A checked request for an export: options and selection are valid and name at least one image. */
    record Request(ExportSelections.Selection selection, ExportOptions options, String fileName) {
    }

    Request check(List<UUID> imageIds, UUID photosetId, Map<String, Object> filter, ExportOptions options) {
        var selection = selections.resolve(imageIds, photosetId, filter);
        String fileName = selection.photosetId() != null
                ? SafeNames.folder(photosets.get(selection.photosetId()).name()) + ".zip"
                : "gallery-export-" + STAMP.format(Instant.now()) + ".zip";
        return new Request(selection, options, fileName);
    }

    /** Plans every image (names in the archive, re-encoding) and queues the job. */
    Export submit(Request request) {
        ObjectNode params = json.createObjectNode();
        params.set("selection", selections.toJson(request.selection(), json));
        params.set("options", request.options().toJson(json));
        params.put("file_name", request.fileName());
        params.put("created_at", Times.now());
        Iterator<Image> images = selections.images(request.selection());
        EntryNames names = new EntryNames();
        Map<UUID, String> photosetNames = new HashMap<>();
        Iterator<PlannedItem> planned = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return images.hasNext();
            }

            @Override
            public PlannedItem next() {
                var plan = items.plan(images.next(), names, request.options(), photosetNames);
                ObjectNode p = json.createObjectNode();
                p.put("folder", plan.folder()).put("stem", plan.stem()).put("ext", plan.ext()).put("render", plan.render());
                return new PlannedItem(plan.imageId(), json.writeValueAsString(p));
            }
        };
        return view(jobs.submit(ExportJobs.TYPE, params, planned));
    }

    void stream(Request request, java.io.OutputStream out) throws java.io.IOException {
        streaming.write(request.selection(), request.options(), out);
    }

    public Export get(UUID id) {
        return view(job(id));
    }

    /** Cancels the export if it still runs, removes its file and forgets it. */
    void delete(UUID id) {
        job(id);
        jobs.delete(id);
    }

    record Download(org.springframework.core.io.Resource body, String fileName) {
    }

    Download download(UUID id) {
        Export export = view(job(id));
        if (!JobStatus.SUCCEEDED.equals(export.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "Export " + id + " is " + export.status()
                    + (export.active() ? "; try again when it has succeeded" : "; there is nothing to download"));
        }
        var file = ExportJobs.file(id);
        var stored = Instant.now().isAfter(export.expiresAt()) ? java.util.Optional.<FileStore.Stat>empty() : files.stat(file);
        if (stored.isEmpty()) {
            throw new ApiException(HttpStatus.GONE, "Export " + id + " has expired; export again");
        }
        return new Download(new StoredFileResource(files, file, stored.get().size(), export.fileName()), export.fileName());
    }

    /** Removes exports (their files and jobs) that finished more than EXPORT_TTL_HOURS before {@code now}. */
    int expire(Instant now) {
        int removed = 0;
        while (true) {
            List<UUID> old = jobs.finishedBefore(ExportJobs.TYPE, now.minus(ttl).toEpochMilli(), 100);
            for (UUID id : old) {
                try {
                    jobs.delete(id);
                    removed++;
                } catch (ApiException gone) {
                    // deleted meanwhile by another instance or a request
                }
            }
            if (old.size() < 100) {
                return removed;
            }
        }
    }

    private Job job(UUID id) {
        Job job;
        try {
            job = jobs.get(id);
        } catch (ApiException e) {
            throw ApiException.notFound("Export", id);
        }
        if (!ExportJobs.TYPE.equals(job.type())) {
            throw ApiException.notFound("Export", id);
        }
        return job;
    }

    private Export view(Job job) {
        var result = job.result();
        Instant expires = job.finishedAt() == null ? null : job.finishedAt().plus(ttl);
        return new Export(job.id(), job.status(), job.progress(), job.failures(), job.params().get("selection"),
                job.params().get("options"), job.params().path("file_name").asString(),
                result == null ? null : result.path("bytes").asLong(),
                result == null || !JobStatus.SUCCEEDED.equals(job.status()) ? null : "/api/v2/exports/" + job.id() + "/download",
                job.error(), job.createdAt(), job.startedAt(), job.finishedAt(), expires, "/api/v2/jobs/" + job.id());
    }
}
