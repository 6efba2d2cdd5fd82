package org.gallery.caption;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.gallery.testing.TestServices;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Generation through the HTTP API, with an OpenAI-compatible server in the test and with the dummy generator. */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptionGenerationApiTest {

    @Parameter
    Db db;

    FakeChatServer backend;
    TestApp app;
    Api api;

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        backend = new FakeChatServer();
        app = TestApp.startWith(db, Map.of("CAPTION_GENERATOR", "openai", "OPENAI_BASE_URL", backend.baseUrl(),
                "CAPTION_MODEL", "fake", "CAPTION_TIMEOUT_SECONDS", "5"));
        api = app.api;
    }

    @AfterParameterizedClassInvocation
    void stop() {
        app.close();
        backend.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void resetBackend() {
        backend.pieces = List.of("A ", "red ", "square.");
        backend.pauseMs = 0;
        backend.errorStatus = 0;
        backend.clientWentAway.set(false);
    }

    @Test
    void generatesAndSavesWithProvenance() {
        backend.errorStatus = 0;
        backend.pauseMs = 0;
        UUID id = new Factories(api).image(null);
        var r = api.post("/api/v2/images/" + id + "/caption/generate", Map.of("prompt", "Describe it."));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("caption").asString()).isEqualTo("A red square.");
        JsonNode saved = api.get("/api/v2/images/" + id + "/caption").json();
        assertThat(saved.get("caption").asString()).isEqualTo("A red square.");
        assertThat(saved.get("source").asString()).isEqualTo("generated");
        assertThat(saved.get("generator").asString()).isEqualTo("openai");
        assertThat(saved.get("model").asString()).isEqualTo("fake");
        assertThat(saved.get("prompt").asString()).isEqualTo("Describe it.");
        assertThat(saved.get("output_tokens").asInt()).isEqualTo(3);

        var unsaved = api.post("/api/v2/images/" + id + "/caption/generate", Map.of("generator", "dummy", "save", false));
        assertThat(unsaved.status()).isEqualTo(200);
        assertThat(unsaved.json().get("caption").asString()).isNotBlank();
        assertThat(api.get("/api/v2/images/" + id + "/caption").json().get("generator").asString()).isEqualTo("openai");
    }

    @Test
    void dummyDescribesThePixels() {
        UUID id = new Factories(api).image(null, "wide.png", TestImages.png(400, 200), List.of());
        var r = api.post("/api/v2/images/" + id + "/caption/generate", Map.of("generator", "dummy"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("caption").asString()).containsIgnoringCase("landscape");
        assertThat(r.json().get("generator").asString()).isEqualTo("dummy");
    }

    @Test
    void backendFailuresAreProblemsAndKeepTheCurrentCaption() throws Exception {
        UUID id = new Factories(api).image(null);
        api.post("/api/v2/images/" + id + "/caption", Map.of("caption", "hand written"));
        backend.errorStatus = 400;
        try {
            var r = api.post("/api/v2/images/" + id + "/caption/generate", Map.of());
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).contains("does not exist");
        } finally {
            backend.errorStatus = 0;
        }
        int closedPort = TestServices.freePort();
        var unreachable = TestApp.startWith(db, Map.of("CAPTION_GENERATOR", "openai",
                "OPENAI_BASE_URL", "http://127.0.0.1:" + closedPort + "/v1", "CAPTION_TIMEOUT_SECONDS", "2"));
        try {
            UUID other = new Factories(unreachable.api).image(null);
            var r = unreachable.api.post("/api/v2/images/" + other + "/caption/generate", Map.of());
            assertThat(r.status()).isEqualTo(503);
        } finally {
            unreachable.close();
        }
        assertThat(api.get("/api/v2/images/" + id + "/caption").json().get("caption").asString()).isEqualTo("hand written");
        assertThat(api.post("/api/v2/images/" + id + "/caption/generate", Map.of("generator", "gpt-9")).status()).isEqualTo(400);
        assertThat(api.post("/api/v2/images/" + id + "/caption/generate", Map.of("use_crop", true)).status()).isEqualTo(400);
        assertThat(api.post("/api/v2/images/" + UUID.randomUUID() + "/caption/generate", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void streamsTokensAsTheyArriveThenTheSavedCaption() throws Exception {
        backend.errorStatus = 0;
        backend.pieces = List.of("A ", "slow ", "caption.");
        backend.pauseMs = 700;
        UUID id = new Factories(api).image(null);
        HttpClient http = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create(api.base() + "/api/v2/images/" + id + "/caption/generate"))
                .headers(api.defaultHeaders())
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"Describe it.\"}")).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> events = new ArrayList<>();
        List<String> data = new ArrayList<>();
        long firstTokenAt = 0;
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            String event = null;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    events.add(event);
                    data.add(line.substring(5).strip());
                    if ("token".equals(event) && firstTokenAt == 0) {
                        firstTokenAt = System.nanoTime();
                    }
                }
            }
        }
        long lastPieceAt = backend.lastPieceSentAt;
        assertThat(events).containsExactly("token", "token", "token", "done");
        assertThat(firstTokenAt).as("first token reached the client before the backend sent its last piece")
                .isLessThan(lastPieceAt);
        JsonNode done = Api.JSON.readTree(data.getLast());
        assertThat(done.get("caption").asString()).isEqualTo("A slow caption.");
        assertThat(done.get("saved").get("source").asString()).isEqualTo("generated");
        assertThat(api.get("/api/v2/images/" + id + "/caption").json().get("caption").asString()).isEqualTo("A slow caption.");
    }

    @Test
    void aClientThatLeavesMidStreamStopsGenerationAndNothingIsSaved() throws Exception {
        backend.errorStatus = 0;
        backend.pieces = List.of("one ", "two ", "three ", "four ", "five.");
        backend.pauseMs = 400;
        backend.clientWentAway.set(false);
        UUID id = new Factories(api).image(null);
        api.post("/api/v2/images/" + id + "/caption", Map.of("caption", "before"));
        try (var socket = new java.net.Socket("127.0.0.1", URI.create(api.base()).getPort())) {
            String body = "{\"prompt\":\"Describe it.\"}";
            String http = "POST /api/v2/images/" + id + "/caption/generate HTTP/1.1\r\nHost: localhost\r\n"
                    + String.join(": ", api.defaultHeaders()) + "\r\n"
                    + "Accept: text/event-stream\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body;
            socket.getOutputStream().write(http.getBytes(StandardCharsets.UTF_8));
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("event:token")) {
                // headers and the first lines until a token arrives
            }
        }
        for (int i = 0; i < 40 && !backend.clientWentAway.get(); i++) {
            Thread.sleep(100);
        }
        assertThat(backend.clientWentAway).as("the request to the backend was cancelled").isTrue();
        Thread.sleep(300);
        assertThat(api.get("/api/v2/images/" + id + "/caption").json().get("caption").asString()).isEqualTo("before");
    }
}
