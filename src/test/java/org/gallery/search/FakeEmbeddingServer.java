package org.gallery.search;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible {@code POST /v1/embeddings} server inside the test (Infinity's form: images as data URLs with
 * {@code "modality": "image"}). Its "model" sees colours: an image's vector is its mean colour around grey, and the
 * words red, green and blue point the same ways, so a text finds the images of its colour. Vectors are deliberately
 * not unit length, as some servers send them.
 */
public final class FakeEmbeddingServer implements AutoCloseable {

    static final int DIMENSION = 4;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile int errorStatus;
    volatile boolean dropOneVector;
    private final HttpServer server;

    public FakeEmbeddingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        requests.add(body);
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        if (errorStatus != 0) {
            send(exchange, errorStatus, "{\"error\":{\"message\":\"model 'nope' is not served here\","
                    + "\"type\":\"invalid_request_error\",\"code\":null}}");
            return;
        }
        boolean images = "image".equals(body.path("modality").asString(""));
        ObjectNode answer = JSON.createObjectNode().put("object", "list").put("model", body.path("model").asString());
        var data = answer.putArray("data");
        int n = body.path("input").size() - (dropOneVector ? 1 : 0);
        // answered in reverse order: clients must place them by index
        for (int i = n - 1; i >= 0; i--) {
            String input = body.path("input").get(i).asString();
            float[] v = images ? image(input) : text(input);
            var item = data.addObject().put("object", "embedding").put("index", i);
            var values = item.putArray("embedding");
            for (float x : v) {
                values.add(x);
            }
        }
        answer.putObject("usage").put("prompt_tokens", n).put("total_tokens", n);
        send(exchange, 200, answer.toString());
    }

    private static float[] text(String text) {
        float[] v = {0, 0, 0, 0.05f};
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("red")) {
            add(v, 1, -0.5f, -0.5f);
        }
        if (t.contains("green")) {
            add(v, -0.5f, 1, -0.5f);
        }
        if (t.contains("blue")) {
            add(v, -0.5f, -0.5f, 1);
        }
        return v;
    }

    private static float[] image(String dataUrl) throws IOException {
        String prefix = "data:image/jpeg;base64,";
        if (!dataUrl.startsWith(prefix)) {
            throw new IOException("not a JPEG data URL");
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUrl.substring(prefix.length()))));
        double r = 0;
        double g = 0;
        double b = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                r += (rgb >> 16) & 0xff;
                g += (rgb >> 8) & 0xff;
                b += rgb & 0xff;
            }
        }
        double n = 255.0 * image.getWidth() * image.getHeight();
        float mean = (float) ((r + g + b) / n / 3);
        return new float[] {(float) (r / n) - mean, (float) (g / n) - mean, (float) (b / n) - mean, 0.05f};
    }

    private static void add(float[] v, float r, float g, float b) {
        v[0] += r;
        v[1] += g;
        v[2] += b;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
