package org.gallery.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Every operation the API documents is closed to strangers, and a read token changes nothing. */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class AccessApiTest {

    @Parameter
    Db db;

    record Operation(String method, String path) {
    }

    private List<Operation> operations(Api api) {
        var doc = api.anonymous().get("/openapi.json");
        assertThat(doc.status()).as("the API document is readable without signing in").isEqualTo(200);
        List<Operation> ops = new ArrayList<>();
        JsonNode paths = doc.json().get("paths");
        for (String path : paths.propertyNames()) {
            if (!path.startsWith("/api/v2/")) {
                continue;
            }
            for (String method : paths.get(path).propertyNames()) {
                if (List.of("get", "post", "put", "patch", "delete", "head").contains(method)) {
                    ops.add(new Operation(method.toUpperCase(), path.replaceAll("\\{size}", "small")
                            .replaceAll("\\{tag}", "sea").replaceAll("\\{[a-z_]+}", UUID.randomUUID().toString())));
                }
            }
        }
        assertThat(ops).as("the document lists the API").hasSizeGreaterThan(40);
        return ops;
    }

    @Test
    void everyOperationWithoutCredentialsIs401ExceptSignInAndBareHealth() {
        Api api = TestApp.of(db).api;
        for (Operation op : operations(api)) {
            var r = api.anonymous().raw(op.method(), op.path(), "application/json", "{}".getBytes());
            if (AccessRules.open(op.method(), op.path())) {
                assertThat(r.status()).as(op.toString()).isNotIn(401, 403);
                continue;
            }
            assertThat(r.status()).as(op.toString()).isEqualTo(401);
            assertThat(r.header("Content-Type")).as(op.toString()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).contains("Bearer");
        }
    }

    @Test
    void aReadTokenIsRefusedEveryWriteAndReadsEverythingButAccounts() {
        TestApp app = TestApp.of(db);
        Api reader = app.as(Role.EDITOR, "read");
        for (Operation op : operations(app.api)) {
            var r = reader.raw(op.method(), op.path(), "application/json", "{}".getBytes());
            boolean accounts = op.path().startsWith("/api/v2/users") || op.path().startsWith("/api/v2/audit");
            if (!AccessRules.changes(op.method(), op.path()) && !accounts) {
                // reads, and a search by image, which sends a file but stores nothing
                assertThat(r.status()).as(op.toString()).isNotIn(401, 403);
            } else if (!AccessRules.open(op.method(), op.path())) {
                assertThat(r.status()).as(op.toString()).isEqualTo(403);
                assertThat(r.json().get("detail").asString()).as(op.toString()).contains("scope");
            }
        }
    }

    @Test
    void revokedExpiredAndMadeUpTokensAre401() {
        TestApp app = TestApp.of(db);
        var created = app.api.post("/api/v2/tokens", Map.of("name", "short-lived", "scope", "read"));
        assertThat(created.status()).isEqualTo(201);
        Api holder = app.api.withToken(created.json().get("token").asString());
        assertThat(holder.get("/api/v2/photosets").status()).isEqualTo(200);
        assertThat(app.api.delete("/api/v2/tokens/" + created.id()).status()).isEqualTo(204);
        assertThat(holder.get("/api/v2/photosets").status()).isEqualTo(401);

        var expiring = app.api.post("/api/v2/tokens", Map.of("name", "expiring", "scope", "read", "expires_in_days", 1));
        app.sql().execute("UPDATE api_tokens SET expires_at = " + (System.currentTimeMillis() - 1000) + " WHERE id = '"
                + expiring.id() + "'");
        assertThat(app.api.withToken(expiring.json().get("token").asString()).get("/api/v2/photosets").status())
                .isEqualTo(401);
        assertThat(app.api.withToken("gal_" + "x".repeat(43)).get("/api/v2/photosets").status()).isEqualTo(401);
        assertThat(app.api.withToken("not-a-gallery-token").get("/api/v2/photosets").status()).isEqualTo(401);
    }

    @Test
    void healthShowsOnlyItsStatusToStrangers() {
        Api api = TestApp.of(db).api;
        JsonNode bare = api.anonymous().get("/api/v2/health").json();
        assertThat(bare.propertyNames()).containsExactly("status");
        assertThat(bare.get("status").asString()).isEqualTo("ok");
        assertThat(api.get("/api/v2/health").json().has("database")).isTrue();
    }

    @Test
    void cachedThumbnailsAskForCredentialsToo() {
        Api api = TestApp.of(db).api;
        UUID image = new Factories(api).image(null);
        String path = "/api/v2/images/" + image + "/thumbnail/small";
        assertThat(api.get(path).status()).isEqualTo(200);
        var cached = api.get(path);
        assertThat(cached.status()).isEqualTo(200);
        assertThat(cached.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(cached.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.anonymous().get(path).status()).isEqualTo(401);
        assertThat(api.withToken("gal_" + "y".repeat(43)).get(path).status()).isEqualTo(401);
        assertThat(api.anonymous().get("/api/v2/images/" + image).status()).isEqualTo(401);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        Api api = TestApp.of(db).api;
        for (var r : List.of(api.get("/api/v2/photosets"), api.anonymous().get("/api/v2/photosets"),
                api.get("/api/v2/nothing-here"), api.anonymous().get("/openapi.json"))) {
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).isEqualTo("same-origin");
            assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe");
        }
    }
}
