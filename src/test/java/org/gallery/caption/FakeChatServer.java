package org.gallery.caption;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An OpenAI-compatible chat-completions server inside the test: streamed {@code chat.completion.chunk} events
 * ending in {@code [DONE]}, sent with a pause between pieces so the test can see tokens arrive early.
 */
final class FakeChatServer implements AutoCloseable {

    volatile List<String> pieces = List.of("A ", "red ", "square.");
    volatile long pauseMs = 0;
    volatile int errorStatus = 0;
    volatile long lastPieceSentAt;
    final AtomicBoolean clientWentAway = new AtomicBoolean();
    private final HttpServer server;

    FakeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (errorStatus != 0) {
            byte[] error = "{\"error\":{\"message\":\"model 'nope' does not exist\",\"type\":\"invalid_request_error\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(errorStatus, error.length);
            exchange.getResponseBody().write(error);
            exchange.close();
            return;
        }
        boolean stream = body.contains("\"stream\":true") || body.contains("\"stream\": true");
        if (!stream) {
            String text = String.join("", pieces);
            byte[] json = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"fake\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":3}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            exchange.getResponseBody().write(json);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String piece : pieces) {
                String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"fake\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{\"content\":\"" + piece + "\"},\"finish_reason\":null}]}";
                out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                lastPieceSentAt = System.nanoTime();
                Thread.sleep(pauseMs);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            clientWentAway.set(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
