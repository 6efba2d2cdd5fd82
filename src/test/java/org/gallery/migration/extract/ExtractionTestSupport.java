package org.gallery.migration.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gallery.config.Settings.ArchiveLimits;
import org.junit.jupiter.api.io.TempDir;

/** A temporary storage root with an archives folder and an images folder, and helpers to look at the result. */
abstract class ExtractionTestSupport {

    static final long MIB = 1024 * 1024;
    static final ArchiveLimits DEFAULT_LIMITS = new ArchiveLimits(512 * MIB, 65_536 * MIB, 100, 100_000);

    @TempDir
    Path root;

    Path archives() {
        return root.resolve("archives");
    }

    Path images() {
        return root.resolve("images");
    }

    Path archive(String fileName) {
        return archives().resolve(fileName);
    }

    ExtractionSummary extract() {
        return extract(DEFAULT_LIMITS);
    }

    ExtractionSummary extract(ArchiveLimits limits) {
        return extract(limits, ExternalTools.none());
    }

    ExtractionSummary extract(ArchiveLimits limits, ExternalTools tools) {
        try {
            Files.createDirectories(archives());
            return new ArchiveExtractor(limits, tools).extractAll(archives(), images(), ExtractionProgress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ArchiveResult result(ExtractionSummary summary, String archive) {
        return summary.archives().stream().filter(a -> a.archive().equals(archive)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + archive + " in " + summary.archives()));
    }

    /** The visible files of a photoset folder (the manifest and temporary files start with a dot). */
    Set<String> filesIn(String photoset) {
        Path folder = images().resolve(photoset);
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] read(String photoset, String fileName) {
        try {
            return Files.readAllBytes(images().resolve(photoset).resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every path under the storage root, relative to it, with '/' separators. */
    List<String> everything() {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nothing was written anywhere but the archives themselves and the given photoset folders. */
    void assertNothingOutside(String... photosets) {
        Set<String> allowed = Set.of(photosets);
        for (String path : everything()) {
            boolean ok = path.equals("archives") || path.startsWith("archives/") || path.equals("images")
                    || path.equals("images/" + ArchiveExtractor.LOCK_FILE)
                    || allowed.stream().anyMatch(p -> path.equals("images/" + p) || path.startsWith("images/" + p + "/"));
            assertThat(ok).as("unexpected path %s", path).isTrue();
        }
    }

    void assertNoTempFilesOrLinks() {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.forEach(p -> {
                assertThat(p.getFileName().toString()).doesNotStartWith(StagingOutputStream.TEMP_PREFIX);
                assertThat(Files.isSymbolicLink(p)).as("symbolic link %s", p).isFalse();
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    assertThat(p.getFileName().toString()).doesNotEndWith(".part");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
