package org.gallery.search.embedding;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A remote server speaking OpenAI's {@code POST /v1/embeddings}: texts as strings, images as {@code data:} URLs with
 * {@code "modality": "image"} (Infinity's form for CLIP and SigLIP models). The dimension is learnt from the first
 * answer, as servers do not announce it.
 */
public final class OpenAiEmbeddingModel implements EmbeddingModel {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ERROR_CHARS = 300;

    private final URI endpoint;
    private final String model;
    private final @Nullable String apiKey;
    private final Duration timeout;
    private final HttpClient http;
    private volatile int dimension;

    public OpenAiEmbeddingModel(String baseUrl, String model, @Nullable String apiKey, Duration timeout) {
        this.endpoint = URI.create(baseUrl + (baseUrl.endsWith("/v1") ? "" : "/v1") + "/embeddings");
        this.model = model;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Override
    public String name() {
        return "openai:" + model;
    }

    @Override
    public int dimension() {
        if (dimension == 0) {
            embedTexts(List.of("a photo"));
        }
        return dimension;
    }

    @Override
    public List<float[]> embedImages(List<byte[]> jpegs) {
        List<String> urls = new ArrayList<>(jpegs.size());
        for (byte[] jpeg : jpegs) {
            urls.add("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg));
        }
        return embed(urls, "image");
    }

    @Override
    public List<float[]> embedTexts(List<String> texts) {
        return embed(texts, null);
    }

    private List<float[]> embed(List<String> inputs, @Nullable String modality) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        ObjectNode body = JSON.createObjectNode().put("model", model).put("encoding_format", "float");
        inputs.forEach(body.putArray("input")::add);
        if (modality != null) {
            body.put("modality", modality);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EmbeddingException("The embeddings server at " + endpoint + " cannot be reached (EMBEDDING_BASE_URL): "
                    + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("Interrupted while waiting for the embeddings server", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new EmbeddingException("The embeddings server answered " + response.statusCode() + ": "
                    + errorMessage(response.body()));
        }
        return vectors(response.body(), inputs.size());
    }

    private List<float[]> vectors(String body, int expected) {
        JsonNode data;
        try {
            data = JSON.readTree(body).path("data");
        } catch (RuntimeException e) {
            throw new EmbeddingException("The embeddings server's answer is not JSON: " + shorten(body));
        }
        if (!data.isArray() || data.size() != expected) {
            throw new EmbeddingException("The embeddings server sent " + (data.isArray() ? data.size() : 0)
                    + " vectors for " + expected + " inputs");
        }
        float[][] out = new float[expected][];
        for (JsonNode item : data) {
            int index = item.path("index").asInt(-1);
            JsonNode values = item.path("embedding");
            if (index < 0 || index >= expected || out[index] != null || !values.isArray() || values.isEmpty()) {
                throw new EmbeddingException("The embeddings server sent a malformed item: " + shorten(item.toString()));
            }
            float[] v = new float[values.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) values.get(i).asDouble();
            }
            out[index] = checkDimension(v);
        }
        List<float[]> vectors = new ArrayList<>(expected);
        for (float[] v : out) {
            vectors.add(Vectors.normalize(v));
        }
        return vectors;
    }

    private float[] checkDimension(float[] v) {
        if (dimension == 0) {
            dimension = v.length;
        } else if (v.length != dimension) {
            throw new EmbeddingException("The embeddings server sent a vector of " + v.length + " values after ones of "
                    + dimension + " (EMBEDDING_MODEL " + model + ")");
        }
        return v;
    }

    private static String errorMessage(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isString()) {
                return error.asString();
            }
            if (error.path("message").isString()) {
                return error.path("message").asString();
            }
            JsonNode detail = JSON.readTree(body).path("detail");
            if (!detail.isMissingNode()) {
                return shorten(detail.toString());
            }
        } catch (RuntimeException ignored) {
            // not JSON: the text itself says the most
        }
        return shorten(body);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "…";
    }
}
