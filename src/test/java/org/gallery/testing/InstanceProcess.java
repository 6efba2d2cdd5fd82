package org.gallery.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gallery.GalleryApplication;
import org.gallery.config.SettingsLoader;

/**
 * A Gallery instance in a JVM of its own, so that a test can kill it with SIGKILL (no shutdown hooks, no job handed
 * back) in the middle of its work. It runs from the test classpath, so test hooks such as {@link SlowImaging} work.
 */
public final class InstanceProcess implements AutoCloseable {

    public final Process process;
    /** The instance's own address, e.g. {@code http://127.0.0.1:40123}. */
    public final String base;
    private final Path log;

    private InstanceProcess(Process process, String base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts an instance with these settings (its own free port) and Spring arguments; does not wait for it. */
    public static InstanceProcess start(Map<String, String> settings, Path log, String... springArgs) {
        Map<String, String> env = new HashMap<>(settings);
        int port = TestServices.freePort();
        env.put("API_PORT", Integer.toString(port));
        env.putIfAbsent("API_HOST", "127.0.0.1");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), InstanceProcess.class.getName()));
        env.forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(List.of(springArgs));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new InstanceProcess(process, "http://" + env.get("API_HOST") + ":" + port, log);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start a Gallery process", e);
        }
    }

    /** Waits until the instance answers HTTP; fails with its log if it dies or takes too long. */
    public InstanceProcess awaitUp(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return this;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("The Gallery process did not come up; its log:\n" + logText());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** SIGKILL, as a crash or an out-of-memory kill would end it, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** Arguments: {@code NAME=value} settings, then {@code --spring.arguments}. */
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
