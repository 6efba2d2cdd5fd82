package org.gallery.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import org.gallery.config.Settings;
import org.gallery.image.Image;
import org.gallery.shared.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A ZIP written straight onto a response as the images are read: nothing is staged but the compressed manifest
 * lines, and memory holds one image (when re-encoded) plus a central directory record per entry.
 */
@Component
class StreamingExports {

    private static final Logger log = LoggerFactory.getLogger(StreamingExports.class);
    static final String MANIFEST = "metadata.jsonl";

    private final ExportSelections selections;
    private final ExportItems items;
    private final Path work;

    StreamingExports(ExportSelections selections, ExportItems items, Settings settings) {
        this.selections = selections;
        this.items = items;
        this.work = settings.storage().temp();
    }

    /** @return the number of images written */
    int write(ExportSelections.Selection selection, ExportOptions options, OutputStream target) throws IOException {
        long dosTime = ZipWriter.dosTime(Times.now());
        var out = new BufferedOutputStream(target, 256 * 1024);
        ZipWriter zip = new ZipWriter(out, 0, true);
        EntryNames names = new EntryNames();
        Map<UUID, String> photosetNames = new HashMap<>();
        int written = 0;
        try (ManifestSpool manifest = new ManifestSpool(work)) {
            Iterator<Image> images = selections.images(selection);
            while (images.hasNext()) {
                Image image = images.next();
                try {
                    var plan = items.plan(image, names, options, photosetNames);
                    manifest.add(items.write(zip, plan, options, dosTime, null).manifestLine());
                    written++;
                } catch (ExportItems.ItemFailure | org.gallery.web.ApiException e) {
                    log.warn("Export leaves out image {}: {}", image.id(), e.getMessage());
                }
            }
            manifest.writeTo(zip, MANIFEST, dosTime);
            zip.finish();
        }
        out.flush();
        return written;
    }
}
