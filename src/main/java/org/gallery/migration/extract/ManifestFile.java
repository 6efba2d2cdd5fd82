package org.gallery.migration.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        return parse(Files.readAllBytes(file));
    }

    /** A manifest's bytes read back; null when they cannot be understood. */
    static ExtractManifest parse(byte[] bytes) {
        try {
            ExtractManifest read = JSON.readValue(bytes, ExtractManifest.class);
            return read == null || read.format() != ExtractManifest.FORMAT ? null : read.mutableCopy();
        } catch (JacksonException e) {
            return null;
        }
    }

    static byte[] bytes(ExtractManifest manifest) {
        return JSON.writeValueAsBytes(manifest);
    }

    /**
     * Written to a temporary file, then renamed over the old one: never half a manifest. It is not forced to disk:
     * a killed process loses nothing the kernel already has, and a manifest that a power cut left unreadable is set
     * aside and rebuilt from the files themselves (see {@link PhotosetFolderState}), so the cost of a disk flush per
     * archive (most of the time of small archives) buys nothing.
     */
    static void save(Path folder, ExtractManifest manifest) throws IOException {
        var created = StagingOutputStream.createTemp(folder, ".json");
        Path temp = created.path();
        try {
            try (OutputStream out = created.out()) {
                out.write(bytes(manifest));
            }
            Files.move(temp, folder.resolve(ExtractManifest.FILE_NAME),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
