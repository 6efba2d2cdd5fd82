package org.gallery.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Throughput of a call made by a fixed number of clients, each sending its next call when the last answered. */
final class ClosedLoop {

    static {
        // without it the JDK's server waits for delayed ACKs (about 40 ms a response) and measures nothing but that
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    interface Call {
        void run(int client, long n) throws Exception;
    }

    private ClosedLoop() {
    }

    /** Calls per second over {@code seconds}, after a warm-up of a third of that. */
    static double rate(int clients, double seconds, Call call) throws Exception {
        run(clients, seconds / 3, call);
        return run(clients, seconds, call);
    }

    private static double run(int clients, double seconds, Call call) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        List<Exception> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().start(() -> {
                long n = 0;
                while (System.nanoTime() < end && errors.isEmpty()) {
                    try {
                        call.run(client, n++);
                        done.incrementAndGet();
                    } catch (Exception e) {
                        errors.add(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** The 1-minute load average and the processor count, printed beside every figure. */
    static String load() {
        try {
            String avg = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            return String.format(Locale.ROOT, "load %s on %d cores", avg, Runtime.getRuntime().availableProcessors());
        } catch (IOException e) {
            return "load unknown";
        }
    }

    /**
     * A server answering every request with the same bytes from memory: the reference for what the client and the
     * loopback alone can do, measured with the same client.
     */
    static HttpServer staticServer(byte[] body, String contentType) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
        return server;
    }

    /**
     * An OpenAI-compatible chat-completions endpoint that answers after a fixed latency, standing in for a caption
     * model whose speed is stated rather than measured; answers plain or as one streamed chunk. Its
     * {@code /v1/embeddings} stands in the same way for an embedding model: one answer per call after the latency,
     * a 512-dimension vector per input, different for every input.
     */
    static HttpServer model(long latencyMillis) throws IOException {
        return model(latencyMillis, latencyMillis);
    }

    static HttpServer model(long latencyMillis, long embeddingLatencyMillis) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/v1/chat/completions", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String text = "A photograph used to measure captioning.";
            boolean stream = request.contains("\"stream\":true") || request.contains("\"stream\": true");
            String body = stream
                    ? "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\",\"choices\":[{\"index\":0,"
                            + "\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"
                    : "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"bench\",\"choices\":[{\"index\":0,"
                            + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":8}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", stream ? "text/event-stream" : "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.createContext("/v1/embeddings", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int inputs = Math.max(1, request.split("\"data:image/|\"input\":\"", -1).length - 1);
            try {
                Thread.sleep(embeddingLatencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            var random = new java.util.Random(request.hashCode());
            StringBuilder body = new StringBuilder("{\"object\":\"list\",\"model\":\"bench\",\"data\":[");
            for (int i = 0; i < inputs; i++) {
                body.append(i == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i)
                        .append(",\"embedding\":[");
                for (int d = 0; d < 512; d++) {
                    body.append(d == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.5f", random.nextGaussian()));
                }
                body.append("]}");
            }
            byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }
}
