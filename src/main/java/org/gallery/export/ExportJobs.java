package org.gallery.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gallery.config.Settings;
import org.gallery.jobs.ItemOutcome;
import org.gallery.jobs.JobContext;
import org.gallery.jobs.JobHandler;
import org.gallery.jobs.JobItem;
import org.gallery.jobs.JobRun;
import org.gallery.storage.FileStore;
import org.gallery.storage.ResumableWrite;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exports as background jobs. The archive is a {@link ResumableWrite} of the file store: each committed batch
 * records the write's checkpoint and, per image, its entries, its manifest line and where its bytes end. A run that
 * was killed reopens the write from that checkpoint, writes again the images whose bytes the store had not kept
 * (only ever the last ones, in the same order and to the same bytes) and goes on with the next image, so nothing
 * is written twice. The manifest and central directory are written from the database at the end, then the write
 * is completed into {@code exports/{id}.zip}.
 */
@Component
class ExportJobs implements JobHandler {

    static final String TYPE = "export";

    private final ExportItems items;
    private final JsonMapper json;
    private final java.nio.file.Path work;
    private final FileStore files;

    ExportJobs(ExportItems items, JsonMapper json, Settings settings, FileStore files) {
        this.items = items;
        this.json = json;
        this.files = files;
        this.work = settings.storage().temp();
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The finished ZIP in the file store: {@code $ARCHIVES_DIR/exports/{id}.zip}, or an object in the bucket. */
    static FileStore.Key file(UUID id) {
        return FileStore.Area.EXPORTS.key(id + ".zip");
    }

    @Override
    public int batchSize() {
        return 32;
    }

    @Override
    public void discard(UUID jobId) {
        files.abortResumableWrites(file(jobId));
        files.delete(file(jobId));
    }

    @Override
    public JobRun open(JobContext context) throws IOException {
        UUID id = context.jobId();
        var stored = files.stat(file(id));
        if (stored.isPresent()) {
            // stored just before the instance stopped: only the bookkeeping is missing
            long bytes = stored.get().size();
            return new JobRun() {
                @Override
                public ItemOutcome process(JobItem item) {
                    throw new IllegalStateException("Export " + id + " is complete already");
                }

                @Override
                public JsonNode finish() {
                    return result(context, bytes);
                }
            };
        }
        return new Run(context);
    }

    private ObjectNode result(JobContext context, long bytes) {
        ObjectNode r = json.createObjectNode();
        r.put("file_name", context.params().path("file_name").asString());
        r.put("bytes", bytes);
        r.put("download_url", "/api/v2/exports/" + context.jobId() + "/download");
        return r;
    }

    private final class Run implements JobRun {
        private final JobContext context;
        private final ExportOptions options;
        private final long dosTime;
        private final ResumableWrite write;
        private final ZipWriter zip;

        Run(JobContext context) throws IOException {
            this.context = context;
            this.options = ExportOptions.fromJson(context.params().path("options"));
            this.dosTime = ZipWriter.dosTime(context.params().path("created_at").asLong());
            this.write = files.openResumableWrite(file(context.jobId()), context.checkpoint());
            try {
                List<WrittenItem> again = context.checkpoint() == null ? List.of() : notKept(write.resumedAt());
                long start = again.isEmpty() ? write.resumedAt() : again.getFirst().start();
                OutputStream out = write.out();
                if (start < write.resumedAt()) {
                    out = new SkippingOutputStream(out, write.resumedAt() - start);
                }
                this.zip = new ZipWriter(out, start, false);
                for (WrittenItem item : again) {
                    writeAgain(item);
                }
            } catch (IOException | RuntimeException e) {
                // the job fails: an upload it cannot go on with is not left behind
                write.abandon();
                write.close();
                throw e;
            }
        }

        /** The images done before the crash whose bytes reach past what the store kept, in the archive's order. */
        private List<WrittenItem> notKept(long kept) {
            List<WrittenItem> again = new ArrayList<>();
            context.forEachDone(item -> {
                WrittenItem w = WrittenItem.of(item, json);
                if (w.end() > kept) {
                    again.add(w);
                }
            });
            again.sort(java.util.Comparator.comparingLong(WrittenItem::start));
            return again;
        }

        private void writeAgain(WrittenItem item) throws IOException {
            if (item.start() != zip.offset()) {
                throw new IOException("The export's record of image " + item.plan().imageId() + " does not follow"
                        + " on from the archive kept so far; cancel the export and retry it to start over");
            }
            ExportItems.Written again;
            try {
                again = items.write(zip, item.plan(), options, dosTime, null);
            } catch (ExportItems.ItemFailure e) {
                throw new IOException("Image " + item.plan().imageId() + " was exported before the interruption but"
                        + " cannot be now (" + e.getMessage() + "); cancel the export and retry it to start over", e);
            }
            if (!again.entries().equals(item.entries()) || zip.offset() != item.end()) {
                throw new IOException("Image " + item.plan().imageId() + " changed since it was exported before the"
                        + " interruption; cancel the export and retry it to start over");
            }
        }

        @Override
        public ItemOutcome process(JobItem item) throws IOException {
            ExportItems.Plan plan = WrittenItem.plan(item, json);
            long start = zip.offset();
            ExportItems.Written written;
            try {
                written = items.write(zip, plan, options, dosTime, write.rewritable() ? write::rewrite : null);
            } catch (IOException e) {
                write.abandon();
                throw e;
            } catch (RuntimeException e) {
                if (zip.offset() != start) {
                    // part of the image is in the archive already: it cannot just be left out
                    write.abandon();
                    throw new IOException("Cannot export image " + plan.imageId() + ": " + e.getMessage(), e);
                }
                throw e;
            }
            ObjectNode result = json.createObjectNode();
            result.put("manifest", written.manifestLine());
            ArrayNode entries = result.putArray("entries");
            for (ZipWriter.Entry e : written.entries()) {
                entries.addArray().add(e.name()).add(e.method()).add(e.crc()).add(e.compressedSize()).add(e.size())
                        .add(e.offset()).add(e.dosTime()).add(e.descriptor());
            }
            result.put("end", zip.offset());
            return ItemOutcome.done(json.writeValueAsString(result));
        }

        @Override
        public String checkpoint() throws IOException {
            try {
                return write.checkpoint();
            } catch (IOException | RuntimeException e) {
                write.abandon();
                throw e;
            }
        }

        @Override
        public JsonNode finish() throws IOException {
            try {
                ZipWriter.Entry manifest;
                try (ManifestSpool spool = new ManifestSpool(work)) {
                    context.forEachDone(item -> unchecked(
                            () -> spool.add(json.readTree(item.result()).get("manifest").asString())));
                    manifest = spool.writeTo(zip, StreamingExports.MANIFEST, dosTime);
                }
                try {
                    context.forEachDone(item -> {
                        for (ZipWriter.Entry e : WrittenItem.entries(json.readTree(item.result()))) {
                            unchecked(() -> zip.central(e));
                        }
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                zip.central(manifest);
                zip.end();
                // renamed into place on a local disk, the upload completed in a bucket; a crash before it is done
                // leaves the unfinished write, and the job runs again from its last checkpoint
                return result(context, write.complete());
            } catch (IOException | RuntimeException e) {
                write.abandon();
                throw e;
            }
        }

        @Override
        public void close() {
            write.close();
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void unchecked(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
