package org.gallery.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-protocol server for the tests: s3proxy over a folder (a bucket is a sub-folder), started once per test
 * JVM as a separate process from the jar the build copies to {@code target/test-servers}, so that its own libraries
 * never meet ours. A missing jar fails the tests that need it; they are never skipped.
 */
public final class TestS3 {

    public static final String ACCESS_KEY = "gallery-test-key";
    public static final String SECRET_KEY = "gallery-test-secret";
    static final Path JAR = Path.of("target", "test-servers", "s3proxy.jar");

    private static String endpoint;

    private TestS3() {
    }

    /** The server's URL, starting it on first use. */
    public static synchronized String endpoint() {
        if (endpoint == null) {
            start();
        }
        return endpoint;
    }

    /** A new, empty bucket of the test's own. */
    public static String newBucket() {
        String name = "gallery-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(name));
        }
        return name;
    }

    /** The settings that put a test app's files into a new bucket of its own. */
    public static Map<String, String> environment() {
        return environment(endpoint(), newBucket());
    }

    static Map<String, String> environment(String endpoint, String bucket) {
        Map<String, String> env = new HashMap<>();
        env.put("STORAGE_BACKEND", "s3");
        env.put("S3_ENDPOINT", endpoint);
        env.put("S3_REGION", "us-east-1");
        env.put("S3_BUCKET", bucket);
        env.put("S3_PREFIX", "gallery");
        env.put("S3_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("S3_SECRET_ACCESS_KEY", SECRET_KEY);
        env.put("S3_PATH_STYLE", "true");
        return env;
    }

    public static S3Client client() {
        return client(endpoint());
    }

    static S3Client client(String endpoint) {
        return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** A server of the test's own, which the test may stop to see how the service copes without its storage. */
    public record Server(String endpoint, Process process) implements AutoCloseable {
        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The settings that put a test app's files into a new bucket on this server. */
        public Map<String, String> environment() {
            String bucket = "gallery-own";
            try (S3Client client = client(endpoint)) {
                client.createBucket(b -> b.bucket(bucket));
            }
            return TestS3.environment(endpoint, bucket);
        }
    }

    private static void start() {
        Server server = startServer();
        Runtime.getRuntime().addShutdownHook(new Thread(server.process()::destroy));
        endpoint = server.endpoint();
    }

    public static Server startServer() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("The S3 server for the tests is missing at " + JAR.toAbsolutePath()
                    + "; the build copies it there (mvn generate-test-resources, or ./gallery test)");
        }
        int port = TestServices.freePort();
        try {
            Path baseDir = Files.createTempDirectory("gallery-s3-");
            Path properties = baseDir.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + baseDir.resolve("buckets"),
                    ""));
            Files.createDirectories(baseDir.resolve("buckets"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(),
                    "--properties", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(baseDir.resolve("s3proxy.log").toFile())
                    .start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!accepts(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroy();
                    throw new IllegalStateException("The S3 server for the tests did not start; its log: "
                            + Files.readString(baseDir.resolve("s3proxy.log")));
                }
                Thread.sleep(100);
            }
            return new Server("http://127.0.0.1:" + port, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
