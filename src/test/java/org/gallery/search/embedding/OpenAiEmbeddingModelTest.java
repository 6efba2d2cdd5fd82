package org.gallery.search.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OpenAI's {@code /v1/embeddings} as servers answer it: data items by index, float lists, error objects. */
class OpenAiEmbeddingModelTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    MockWebServer server;
    OpenAiEmbeddingModel model;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        model = new OpenAiEmbeddingModel(server.url("/v1").toString(), "clip-vit-b-32", "sk-1",
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    static String answer(float[]... vectors) {
        var root = JSON.createObjectNode().put("object", "list").put("model", "clip-vit-b-32");
        var data = root.putArray("data");
        for (int i = vectors.length - 1; i >= 0; i--) {
            var values = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
            for (float x : vectors[i]) {
                values.add(x);
            }
        }
        root.putObject("usage").put("prompt_tokens", 2).put("total_tokens", 2);
        return root.toString();
    }

    @Test
    void sendsImagesAsDataUrlsAndReturnsUnitVectorsInInputOrder() throws Exception {
        server.enqueue(json(200, answer(new float[] {3, 4}, new float[] {0, 2})));
        List<float[]> vectors = model.embedImages(List.of(new byte[] {(byte) 0xff, (byte) 0xd8}, new byte[] {1}));
        assertThat(vectors.get(0)).containsExactly(0.6f, 0.8f);
        assertThat(vectors.get(1)).containsExactly(0f, 1f);
        assertThat(model.dimension()).isEqualTo(2);
        assertThat(model.name()).isEqualTo("openai:clip-vit-b-32");

        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer sk-1");
        JsonNode body = JSON.readTree(request.getBody().utf8());
        assertThat(body.get("model").asString()).isEqualTo("clip-vit-b-32");
        assertThat(body.get("modality").asString()).isEqualTo("image");
        assertThat(body.get("encoding_format").asString()).isEqualTo("float");
        assertThat(body.get("input").get(0).asString()).isEqualTo("data:image/jpeg;base64,/9g=");
    }

    @Test
    void textsGoAsPlainStrings() throws Exception {
        server.enqueue(json(200, answer(new float[] {1, 0, 0})));
        assertThat(model.embedTexts(List.of("a red car"))).hasSize(1);
        JsonNode body = JSON.readTree(server.takeRequest().getBody().utf8());
        assertThat(body.get("input").get(0).asString()).isEqualTo("a red car");
        assertThat(body.has("modality")).isFalse();
    }

    @Test
    void errorsNameWhatTheServerSaid() {
        server.enqueue(json(404, "{\"error\":{\"message\":\"The model `clip` does not exist.\",\"type\":\"NotFoundError\"}}"));
        assertThatThrownBy(() -> model.embedTexts(List.of("x"))).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("404").hasMessageContaining("does not exist");
        server.enqueue(json(200, answer(new float[] {1, 0})));
        assertThatThrownBy(() -> model.embedTexts(List.of("x", "y"))).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("1 vectors for 2 inputs");
        server.enqueue(json(200, "<html>proxy error</html>"));
        assertThatThrownBy(() -> model.embedTexts(List.of("x"))).hasMessageContaining("not JSON");
        server.enqueue(json(200, answer(new float[] {1, 0})));
        model.embedTexts(List.of("x"));
        server.enqueue(json(200, answer(new float[] {1, 0, 0})));
        assertThatThrownBy(() -> model.embedTexts(List.of("x"))).hasMessageContaining("3 values after ones of 2");
    }

    @Test
    void anUnreachableServerIsNamed() throws Exception {
        String base = server.url("/").toString();
        server.close();
        var gone = new OpenAiEmbeddingModel(base.substring(0, base.length() - 1), "m", null, Duration.ofSeconds(2));
        assertThatThrownBy(() -> gone.embedTexts(List.of("x"))).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("EMBEDDING_BASE_URL");
    }
}
