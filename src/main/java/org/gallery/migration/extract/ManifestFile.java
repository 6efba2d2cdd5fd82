package org.gallery.migration.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Reads and atomically replaces a photoset folder's {@link ExtractManifest}. */
final class ManifestFile {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ManifestFile() {
    }

    /** The manifest, an empty one when there is none, or null when the file exists but cannot be understood. */
    static ExtractManifest load(Path folder) throws IOException {
        Path file = folder.resolve(ExtractManifest.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return ExtractManifest.empty();
        }
        try {
            ExtractManifest read = JSON.readValue(Files.readAllBytes(file), ExtractManifest.class);
            return read == null || read.format() != ExtractManifest.FORMAT ? null : read.mutableCopy();
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Written to a temporary file, flushed to disk, then renamed over the old one: never half a manifest. */
    static void save(Path folder, ExtractManifest manifest) throws IOException {
        Path temp = Files.createTempFile(folder, StagingOutputStream.TEMP_PREFIX, ".json");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                out.write(JSON.writeValueAsBytes(manifest));
                out.flush();
                channel.force(true);
            }
            Files.move(temp, folder.resolve(ExtractManifest.FILE_NAME),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
