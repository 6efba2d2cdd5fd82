package org.gallery.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.gallery.caption.Caption;
import org.gallery.caption.CaptionService;
import org.gallery.crop.Crop;
import org.gallery.crop.CropService;
import org.gallery.image.Image;
import org.gallery.image.ImageService;
import org.gallery.image.StoredImage;
import org.gallery.storage.FileStore;
import org.gallery.imaging.CropRect;
import org.gallery.imaging.ImagingEngine;
import org.gallery.photoset.PhotosetService;
import org.gallery.web.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts one image into an export: its file (exact original bytes, or crop and resize re-encoded as JPEG), its caption
 * sidecar and its manifest line. Everything that can fail for the image alone happens before the first byte is
 * written, so a failed image leaves the archive intact.
 */
@Component
class ExportItems {

    /** JPEG quality of re-encoded images: datasets want little loss. */
    static final int QUALITY = 95;
    /** Formats that are compressed already: stored, never deflated again. */
    private static final Set<String> UNCOMPRESSED = Set.of("tiff", "bmp");

    private final ImageService images;
    private final PhotosetService photosets;
    private final CaptionService captions;
    private final CropService crops;
    private final ImagingEngine engine;
    private final JsonMapper json;
    private final FileStore files;

    ExportItems(ImageService images, PhotosetService photosets, CaptionService captions, CropService crops,
            ImagingEngine engine, JsonMapper json, FileStore files) {
        this.files = files;
        this.images = images;
        this.photosets = photosets;
        this.captions = captions;
        this.crops = crops;
        this.engine = engine;
        this.json = json;
    }

    /** Where an image goes and whether it is re-encoded, decided when the export is planned. */
    record Plan(UUID imageId, String folder, String stem, String ext, boolean render) {
        String path() {
            return folder + "/" + stem + ext;
        }
    }

    record Written(List<ZipWriter.Entry> entries, String manifestLine) {
    }

    /** An image that cannot go into the export; the rest goes on. */
    static final class ItemFailure extends RuntimeException {
        ItemFailure(String message) {
            super(message);
        }
    }

    Plan plan(Image image, EntryNames names, ExportOptions options, Map<UUID, String> photosetNames) {
        String setName = image.photosetId() == null ? null
                : photosetNames.computeIfAbsent(image.photosetId(), id -> photosets.get(id).name());
        String folder = names.folder(image.photosetId(), setName);
        String stem = names.stem(folder, image.fileName());
        boolean crop = options.cropped() && image.hasCrop();
        boolean shrink = options.maxSize() > 0 && Math.max(image.width(), image.height()) > options.maxSize();
        boolean render = crop || shrink;
        String ext = render ? ".jpg" : extension(image.fileName());
        return new Plan(image.id(), folder, stem, ext, render);
    }

    /** Writes one image's entries; with a patcher (a file-backed archive) originals are read once, not twice. */
    Written write(ZipWriter zip, Plan plan, ExportOptions options, long dosTime, ZipWriter.Patcher patcher)
            throws IOException {
        Image image;
        StoredImage stored;
        try {
            image = images.get(plan.imageId());
            stored = images.original(plan.imageId());
        } catch (ApiException e) {
            throw new ItemFailure(e.getMessage());
        }
        Optional<Caption> caption = captions.current(image.id());
        Optional<Crop> crop = crops.find(image.id());
        String setName = image.photosetId() == null ? null : photosets.get(image.photosetId()).name();

        Content content = plan.render() ? rendered(stored, options, crop) : original(stored, image, patcher == null);
        String sidecar = options.captions() ? sidecar(caption, image.tags(), options) : null;
        String sidecarPath = sidecar == null ? null : plan.folder() + "/" + plan.stem() + options.captionExtension();

        List<ZipWriter.Entry> entries = new ArrayList<>(2);
        InputStream source;
        try {
            source = content.open(files);
        } catch (IOException e) {
            throw new ItemFailure("Cannot read the original of image " + image.id() + ": " + e.getMessage());
        }
        try (InputStream in = source) {
            if (content.deflate()) {
                entries.add(zip.deflated(plan.path(), dosTime, in, content.size()));
            } else if (content.crc() < 0) {
                entries.add(zip.stored(plan.path(), dosTime, content.size(), in, patcher));
            } else {
                entries.add(zip.stored(plan.path(), dosTime, content.size(), content.crc(), in));
            }
        }
        if (sidecar != null) {
            entries.add(zip.deflated(sidecarPath, dosTime,
                    new ByteArrayInputStream(sidecar.getBytes(StandardCharsets.UTF_8)), sidecar.length()));
        }
        return new Written(entries, manifest(plan, image, setName, caption, crop, content, sidecarPath, options));
    }

    /** The original file as it is; its CRC is read up front only when the header cannot be patched later. */
    private Content original(StoredImage stored, Image image, boolean crcFirst) {
        long size;
        long crc;
        try {
            // the file as it is now, which is what gets copied (a damaged one may differ from what was uploaded)
            size = files.stat(stored.key()).orElseThrow(() -> new java.nio.file.NoSuchFileException(stored.key().path()))
                    .size();
            crc = crcFirst ? crc(files.open(stored.key())) : -1;
        } catch (IOException e) {
            throw new ItemFailure("Cannot read the original of image " + image.id() + ": " + e.getMessage());
        }
        boolean deflate = UNCOMPRESSED.contains(image.format());
        return new Content(null, stored, size, crc, image.width(), image.height(), image.sha256(), deflate);
    }

    private Content rendered(StoredImage stored, ExportOptions options, Optional<Crop> crop) {
        CropRect rect = options.cropped() ? crop.map(c -> new CropRect(c.x(), c.y(), c.width(), c.height())).orElse(null)
                : null;
        byte[] jpeg;
        try {
            jpeg = images.withOriginalFile(stored, file -> engine.render(file, rect, options.maxSize(), QUALITY));
        } catch (RuntimeException e) {
            throw new ItemFailure("Cannot render the image: " + e.getMessage());
        }
        int[] size = jpegSize(jpeg);
        CRC32 crc = new CRC32();
        crc.update(jpeg);
        return new Content(jpeg, null, jpeg.length, crc.getValue(), size[0], size[1], sha256(jpeg), false);
    }

    private static String sidecar(Optional<Caption> caption, List<String> tags, ExportOptions options) {
        String text = caption.map(Caption::caption).orElse("");
        if (options.captionPrefixTags() && !tags.isEmpty()) {
            text = String.join(", ", tags) + (text.isEmpty() ? "" : ", " + text);
        }
        return text.isEmpty() ? null : text;
    }

    private String manifest(Plan plan, Image image, String setName, Optional<Caption> caption, Optional<Crop> crop,
            Content content, String sidecarPath, ExportOptions options) {
        ObjectNode m = json.createObjectNode();
        m.put("id", image.id().toString());
        m.put("file", plan.path());
        m.put("caption_file", sidecarPath);
        if (image.photosetId() == null) {
            m.putNull("photoset");
        } else {
            m.putObject("photoset").put("id", image.photosetId().toString()).put("name", setName);
        }
        var tags = m.putArray("tags");
        image.tags().forEach(tags::add);
        if (caption.isPresent()) {
            Caption c = caption.get();
            ObjectNode cn = m.putObject("caption");
            cn.put("text", c.caption()).put("source", c.source()).put("generator", c.generator())
                    .put("model", c.model()).put("prompt", c.prompt())
                    .put("created_at", c.createdAt() == null ? null : c.createdAt().toString());
        } else {
            m.putNull("caption");
        }
        if (crop.isPresent()) {
            Crop c = crop.get();
            m.putObject("crop").put("x", c.x()).put("y", c.y()).put("width", c.width()).put("height", c.height())
                    .put("aspect_ratio", c.aspectRatio());
        } else {
            m.putNull("crop");
        }
        m.put("cropped", plan.render() && options.cropped() && crop.isPresent());
        m.put("width", content.width());
        m.put("height", content.height());
        m.put("bytes", content.size());
        m.put("sha256", content.sha256());
        m.putObject("original").put("file_name", image.fileName()).put("width", image.width())
                .put("height", image.height()).put("bytes", image.bytes()).put("sha256", image.sha256());
        return json.writeValueAsString(m);
    }

    /** The bytes of an image entry: a file copied as it is, or a re-encoded JPEG in memory. */
    private record Content(byte[] bytes, StoredImage file, long size, long crc, int width, int height, String sha256,
            boolean deflate) {
        InputStream open(FileStore files) throws IOException {
            return bytes != null ? new ByteArrayInputStream(bytes) : files.open(file.key());
        }
    }

    private static long crc(InputStream stream) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = stream) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }

    private static int[] jpegSize(byte[] jpeg) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            var readers = ImageIO.getImageReaders(in);
            if (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in);
                    return new int[] {reader.getWidth(0), reader.getHeight(0)};
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException e) {
            // reported below
        }
        throw new ItemFailure("The re-encoded image cannot be read back");
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(dot).toLowerCase(java.util.Locale.ROOT) : "";
    }
}
