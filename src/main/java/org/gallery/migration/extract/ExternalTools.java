package org.gallery.migration.extract;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds optional helper programs on the PATH. Gallery runs without them; they only widen what it can read. */
final class ExternalTools {

    private final String searchPath;

    ExternalTools(String searchPath) {
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    static ExternalTools fromEnvironment() {
        return new ExternalTools(System.getenv("PATH"));
    }

    /** A tools finder that finds nothing, as on a machine with no helpers installed. */
    static ExternalTools none() {
        return new ExternalTools("");
    }

    Optional<Path> bsdtar() {
        return find("bsdtar");
    }

    private Optional<Path> find(String program) {
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : new String[] {program, program + ".exe"}) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
