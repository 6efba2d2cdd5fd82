package org.gallery.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gallery.GalleryApplication;
import org.gallery.config.SettingsLoader;

/**
 * A Gallery instance in a JVM of its own, so that a test can kill it with SIGKILL in the middle of a job.
 * Arguments: {@code NAME=value} settings, then {@code --spring.arguments}.
 */
public final class ExportWorkerProcess {

    private ExportWorkerProcess() {
    }

    public static void main(String[] args) {
        Map<String, String> env = new HashMap<>();
        List<String> spring = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                spring.add(arg);
            } else {
                int eq = arg.indexOf('=');
                env.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        GalleryApplication.start(SettingsLoader.load(env, Path.of("target")), spring.toArray(String[]::new));
    }
}
