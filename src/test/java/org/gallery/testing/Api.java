package org.gallery.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the tests: real requests to a running Gallery. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String base;
    private final String[] defaultHeaders;

    public Api(String base, String... defaultHeaders) {
        this.base = base;
        this.defaultHeaders = defaultHeaders;
    }

    /** The same server with this API token on every request. */
    public Api withToken(String token) {
        return new Api(base, "Authorization", "Bearer " + token);
    }

    /** The same server with these headers on every request instead (for example a session cookie and Origin). */
    public Api withHeaders(String... headers) {
        return new Api(base, headers);
    }

    /** The same server without credentials. */
    public Api anonymous() {
        return new Api(base);
    }

    /** The headers every request of this client carries, for tests that build requests of their own. */
    public String[] defaultHeaders() {
        return defaultHeaders.clone();
    }

    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        public UUID id() {
            return UUID.fromString(json().get("id").asString());
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    public String base() {
        return base;
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public Response head(String path, String... headers) {
        return send(request(path, headers).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    public Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    public Response patch(String path, Object json) {
        return sendJson("PATCH", path, json);
    }

    public Response post(String path, Object json) {
        return sendJson("POST", path, json);
    }

    public Response put(String path, Object json) {
        return sendJson("PUT", path, json);
    }

    /** A request with this body; {@code headers} are name, value pairs. */
    public Response raw(String method, String path, String contentType, byte[] body, String... headers) {
        var builder = request(path, headers).header("Content-Type", contentType);
        return send(builder.method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private Response sendJson(String method, String path, Object json) {
        byte[] body = json instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(json);
        return raw(method, path, "application/json", body);
    }

    /** A multipart upload: the file part plus plain form fields. */
    public Response upload(String fileName, byte[] content, Map<String, ?> fields) {
        return multipart("/api/v2/images", fileName, content, fields);
    }

    /** A multipart POST to {@code path}: the part {@code file} plus plain form fields. */
    public Response multipart(String path, String fileName, byte[] content, Map<String, ?> fields) {
        String boundary = "----gallery" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        Map<String, Object> form = new LinkedHashMap<>(fields == null ? Map.of() : fields);
        for (var field : form.entrySet()) {
            List<?> values = field.getValue() instanceof List<?> l ? l : List.of(field.getValue());
            for (Object value : values) {
                parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                        + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (content != null) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            parts.add(content);
            parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path, "Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)).build());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i + 1 < defaultHeaders.length; i += 2) {
            builder.header(defaultHeaders[i], defaultHeaders[i + 1]);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
