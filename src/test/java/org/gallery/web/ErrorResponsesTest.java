package org.gallery.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every error is an RFC 9457 problem body with a clear detail; bad input is never a 500 and changes nothing. */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class ErrorResponsesTest {

    @Parameter
    Db db;

    Api api;

    @BeforeEach
    void setUp() {
        api = TestApp.of(db).api;
    }

    @Test
    void unknownRouteIsAProblem404() {
        assertProblem(api.get("/api/v2/nothing-here"), 404);
    }

    @Test
    void wrongMethodIsAProblem405() {
        assertProblem(api.raw("PATCH", "/api/v2/photosets", "application/json", "{}".getBytes()), 405);
    }

    @Test
    void malformedJsonIsAProblem400AndStoresNothing() {
        String name = Factories.unique("Broken");
        var r = api.raw("POST", "/api/v2/photosets", "application/json", ("{\"name\": \"" + name + "\",").getBytes());
        assertProblem(r, 400);
        assertThat(r.json().get("detail").asString()).contains("JSON");
        assertThat(api.get("/api/v2/photosets?q=" + name.replace(" ", "%20")).json().get("items").size()).isZero();
    }

    @Test
    void wrongJsonTypeIsAProblem400() {
        assertProblem(api.post("/api/v2/photosets", Map.of("name", "x", "year", "soon")), 400);
        assertProblem(api.post("/api/v2/photosets", Map.of("name", "x", "tags", "not-a-list-" + Factories.unique(""))), 400);
    }

    @Test
    void badUuidNamesTheParameter() {
        var r = api.get("/api/v2/photosets/not-a-uuid");
        assertProblem(r, 400);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("id");
        assertThat(r.json().get("detail").asString()).contains("not-a-uuid");
    }

    @Test
    void wrongContentTypeIsAProblem415() {
        assertProblem(api.raw("POST", "/api/v2/photosets", "text/plain", "name=x".getBytes()), 415);
        assertProblem(api.raw("POST", "/api/v2/images/" + java.util.UUID.randomUUID() + "/tags", "text/plain",
                "x".getBytes()), 415);
    }

    @Test
    void missingBodyIsAProblem400() {
        assertProblem(api.raw("POST", "/api/v2/photosets", "application/json", new byte[0]), 400);
        assertProblem(api.post("/api/v2/images/" + java.util.UUID.randomUUID() + "/tags", Map.of("names", List.of("a"))), 400);
    }

    @Test
    void everyResponseCarriesItsProcessingTime() {
        var r = api.get("/api/v2/health");
        assertThat(Double.parseDouble(r.header("X-Process-Time"))).isGreaterThanOrEqualTo(0);
        assertThat(api.get("/api/v2/nothing").header("X-Process-Time")).isNotNull();
    }

    @Test
    void apiDocsDescribeEveryEndpoint() {
        var r = api.get("/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        var paths = r.json().get("paths");
        for (String path : List.of("/api/v2/health", "/api/v2/photosets", "/api/v2/photosets/{id}",
                "/api/v2/photosets/{id}/images", "/api/v2/images", "/api/v2/images/{id}", "/api/v2/images/{id}/metadata",
                "/api/v2/images/{id}/tags", "/api/v2/images/{id}/tags/{tag}", "/api/v2/tags")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        var docs = api.get("/docs");
        assertThat(docs.status()).isEqualTo(302);
        assertThat(api.get(docs.header("Location")).text()).contains("Swagger UI");
    }

    @Test
    void prometheusMetricsAreExposed() {
        var r = api.get("/actuator/prometheus");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("http_server_requests");
    }

    private static void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("detail").asString()).isNotBlank();
    }
}
