package org.gallery.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.gallery.config.Settings;
import org.gallery.jobs.ItemOutcome;
import org.gallery.jobs.JobContext;
import org.gallery.jobs.JobHandler;
import org.gallery.jobs.JobItem;
import org.gallery.jobs.JobRun;
import org.gallery.storage.FileStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exports as background jobs. The archive grows in {@code {ARCHIVES_DIR}/exports/.{id}.zip.part}; each committed
 * batch records the file's length (after an fsync) and, per image, its entries and manifest line. A run that was
 * killed truncates the file back to that length and goes on with the next image, so nothing is written twice. The
 * manifest and central directory are written from the database at the end, then the file is renamed to
 * {@code {id}.zip}.
 */
@Component
class ExportJobs implements JobHandler {

    static final String TYPE = "export";

    private final ExportItems items;
    private final JsonMapper json;
    private final Path folder;
    private final Path work;
    private final FileStore files;

    ExportJobs(ExportItems items, JsonMapper json, Settings settings, FileStore files) {
        this.items = items;
        this.json = json;
        this.files = files;
        this.folder = settings.storage().archives().resolve("exports");
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

    Path partFile(UUID id) {
        return folder.resolve("." + id + ".zip.part");
    }

    @Override
    public int batchSize() {
        return 32;
    }

    @Override
    public void discard(UUID jobId) {
        try {
            Files.deleteIfExists(partFile(jobId));
            files.delete(file(jobId));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the files of export " + jobId, e);
        }
    }

    @Override
    public JobRun open(JobContext context) throws IOException {
        UUID id = context.jobId();
        Files.createDirectories(folder);
        var stored = Files.exists(partFile(id)) ? java.util.Optional.<FileStore.Stat>empty() : files.stat(file(id));
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
        private final FileChannel channel;
        private final OutputStream out;
        private final ZipWriter zip;

        Run(JobContext context) throws IOException {
            this.context = context;
            this.options = ExportOptions.fromJson(context.params().path("options"));
            this.dosTime = ZipWriter.dosTime(context.params().path("created_at").asLong());
            long committed = context.checkpoint() == null ? 0 : Long.parseLong(context.checkpoint());
            Path part = partFile(context.jobId());
            this.channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.size() < committed) {
                channel.close();
                throw new IOException("The partial export file " + part + " is shorter than its last checkpoint ("
                        + committed + " bytes); cancel the export and retry it to start over");
            }
            channel.truncate(committed);
            channel.position(committed);
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024);
            this.zip = new ZipWriter(out, committed, false);
        }

        @Override
        public ItemOutcome process(JobItem item) throws IOException {
            JsonNode p = json.readTree(item.plan());
            var plan = new ExportItems.Plan(item.itemId(), p.get("folder").asString(), p.get("stem").asString(),
                    p.get("ext").asString(), p.get("render").asBoolean());
            ExportItems.Written written = items.write(zip, plan, options, dosTime, this::patch);
            ObjectNode result = json.createObjectNode();
            result.put("manifest", written.manifestLine());
            ArrayNode entries = result.putArray("entries");
            for (ZipWriter.Entry e : written.entries()) {
                entries.addArray().add(e.name()).add(e.method()).add(e.crc()).add(e.compressedSize()).add(e.size())
                        .add(e.offset()).add(e.dosTime()).add(e.descriptor());
            }
            return ItemOutcome.done(json.writeValueAsString(result));
        }

        private void patch(long offset, byte[] bytes) throws IOException {
            out.flush();
            var buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, offset + buffer.position());
            }
        }

        @Override
        public String checkpoint() throws IOException {
            out.flush();
            channel.force(false);
            return Long.toString(zip.offset());
        }

        @Override
        public JsonNode finish() throws IOException {
            ZipWriter.Entry manifest;
            try (ManifestSpool spool = new ManifestSpool(work)) {
                context.forEachDone(item -> unchecked(() -> spool.add(json.readTree(item.result()).get("manifest").asString())));
                manifest = spool.writeTo(zip, StreamingExports.MANIFEST, dosTime);
            }
            try {
                context.forEachDone(item -> {
                    for (JsonNode e : json.readTree(item.result()).get("entries")) {
                        unchecked(() -> zip.central(new ZipWriter.Entry(e.get(0).asString(), e.get(1).asInt(),
                                e.get(2).asLong(), e.get(3).asLong(), e.get(4).asLong(), e.get(5).asLong(),
                                e.get(6).asLong(), e.get(7).asBoolean())));
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            zip.central(manifest);
            zip.end();
            out.flush();
            channel.force(true);
            long bytes = channel.size();
            channel.close();
            // renamed into place on a local disk, a multipart upload to a bucket; a crash before it is done leaves the
            // part file, and the job runs again from its last checkpoint
            files.put(file(context.jobId()), partFile(context.jobId()));
            return result(context, bytes);
        }

        @Override
        public void close() throws IOException {
            channel.close();
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
