package org.gallery.migration.extract;

import java.nio.file.Path;

/**
 * Runs an extraction in its own JVM, slowed down per entry, so that a test can kill it with SIGKILL part way and
 * check what a rerun makes of the leftovers.
 */
public final class ExtractInChildProcess {

    private ExtractInChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        long pauseMillis = Long.parseLong(args[2]);
        var slow = new ExtractionProgress() {
            @Override
            public void entryVisited() {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        new ArchiveExtractor(ExtractionTestSupport.DEFAULT_LIMITS, ExternalTools.none())
                .extractAll(Path.of(args[0]), Path.of(args[1]), slow);
    }
}
