package org.gallery.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.gallery.testing.Api;
import tools.jackson.databind.JsonNode;

/** Reads export archives back the way users' tools do, checking they agree. */
final class ExportTesting {

    private ExportTesting() {
    }

    /** A ZIP read by commons-compress (central directory), cross-checked by the JDK's streaming reader. */
    record Archive(Map<String, byte[]> files, Map<String, Integer> methods) {
        List<JsonNode> manifest() {
            List<JsonNode> lines = new ArrayList<>();
            String text = new String(files.get("metadata.jsonl"), StandardCharsets.UTF_8);
            text.lines().forEach(l -> lines.add(Api.JSON.readTree(l)));
            return lines;
        }

        String text(String name) {
            return new String(files.get(name), StandardCharsets.UTF_8);
        }
    }

    static Archive read(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, Integer> methods = new LinkedHashMap<>();
        try (ZipFile z = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
            for (ZipArchiveEntry e : java.util.Collections.list(z.getEntries())) {
                try (var in = z.getInputStream(e)) {
                    files.put(e.getName(), in.readAllBytes());
                }
                methods.put(e.getName(), e.getMethod());
            }
        }
        Map<String, byte[]> streamed = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                streamed.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(streamed.keySet()).containsExactlyElementsOf(files.keySet());
        streamed.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(files.get(name)));
        return new Archive(files, methods);
    }

    static Archive read(Path zip) throws IOException {
        return read(Files.readAllBytes(zip));
    }

    /** {@code unzip -t} agrees the archive is sound, where unzip is installed. */
    static void unzipTest(Path zip) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/unzip"))) {
            return;
        }
        Process p = new ProcessBuilder("/usr/bin/unzip", "-tq", zip.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }
}
