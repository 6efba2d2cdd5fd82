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

/** Users, tokens and the audit list through the API. */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class AccountsApiTest {

    @Parameter
    Db db;

    @Test
    void adminsManageAccounts() {
        Api api = TestApp.of(db).api;
        String name = Factories.unique("ann").replace(' ', '-');
        var created = api.post("/api/v2/users", Map.of("name", name, "role", "editor"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v2/users/" + created.id());
        String generated = created.json().get("password").asString();
        assertThat(generated).hasSize(20);
        assertThat(TestApp.of(db).signInResponse(name, generated, TestApp.randomAddress()).status()).isEqualTo(200);

        assertThat(api.post("/api/v2/users", Map.of("name", name.toUpperCase(), "role", "viewer")).status())
                .as("names are unique ignoring case").isEqualTo(409);
        assertThat(api.post("/api/v2/users", Map.of("name", "bad name!", "role", "viewer")).status()).isEqualTo(400);
        assertThat(api.post("/api/v2/users", Map.of("name", name + "x", "role", "owner")).status()).isEqualTo(400);
        assertThat(api.post("/api/v2/users", Map.of("name", name + "y", "password", "short")).status()).isEqualTo(400);

        var listed = api.get("/api/v2/users").json().get("items");
        assertThat(listed.findValuesAsString("name")).contains("admin", name);
        assertThat(listed.toString()).doesNotContain("password");

        var changed = api.patch("/api/v2/users/" + created.id(), Map.of("role", "viewer", "password", "new-password-1"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("role").asString()).isEqualTo("viewer");
        assertThat(TestApp.of(db).signInResponse(name, "new-password-1", TestApp.randomAddress()).status()).isEqualTo(200);
        assertThat(api.patch("/api/v2/users/" + created.id(), Map.of("role", "boss")).status()).isEqualTo(400);
        assertThat(api.patch("/api/v2/users/" + UUID.randomUUID(), Map.of("role", "viewer")).status()).isEqualTo(404);

        assertThat(api.delete("/api/v2/users/" + created.id()).status()).isEqualTo(204);
        assertThat(api.get("/api/v2/users").json().get("items").findValuesAsString("name")).doesNotContain(name);
    }

    @Test
    void theLastAdminCannotBeDemotedDisabledOrDeleted() {
        TestApp app = TestApp.of(db);
        UUID onlyAdmin;
        try (TestApp fresh = TestApp.startWith(db, Map.of())) {
            Api api = fresh.api;
            onlyAdmin = UUID.fromString(api.get("/api/v2/auth/me").json().get("id").asString());
            assertThat(api.patch("/api/v2/users/" + onlyAdmin, Map.of("role", "editor")).status()).isEqualTo(409);
            assertThat(api.patch("/api/v2/users/" + onlyAdmin, Map.of("disabled", true)).status()).isEqualTo(409);
            assertThat(api.delete("/api/v2/users/" + onlyAdmin).status()).isEqualTo(409);
            assertThat(api.get("/api/v2/auth/me").json().get("role").asString()).isEqualTo("admin");
        }
        assertThat(app.api.get("/api/v2/auth/me").status()).isEqualTo(200);
    }

    @Test
    void tokensAreShownOnceListedWithoutSecretsAndKeepTheirLastUse() {
        TestApp app = TestApp.of(db);
        Api editor = app.as(Role.EDITOR, "write");
        var made = editor.post("/api/v2/tokens", Map.of("name", "ci", "scope", "read", "expires_in_days", 90));
        assertThat(made.status()).isEqualTo(201);
        String token = made.json().get("token").asString();
        assertThat(token).startsWith("gal_").hasSizeGreaterThan(40);
        assertThat(made.json().get("expires_at").isNull()).isFalse();
        assertThat(editor.post("/api/v2/tokens", Map.of("name", "root", "scope", "admin")).status())
                .as("no higher than the role").isEqualTo(403);
        assertThat(editor.post("/api/v2/tokens", Map.of("name", "x", "scope", "sudo")).status()).isEqualTo(400);
        assertThat(editor.post("/api/v2/tokens", Map.of("name", "", "scope", "read")).status()).isEqualTo(400);

        assertThat(app.api.withToken(token).get("/api/v2/photosets").status()).isEqualTo(200);
        JsonNode mine = editor.get("/api/v2/tokens").json().get("items");
        assertThat(mine.toString()).doesNotContain(token);
        JsonNode ci = null;
        for (JsonNode t : mine) {
            if (t.get("id").asString().equals(made.id().toString())) {
                ci = t;
            }
        }
        assertThat(ci).isNotNull();
        assertThat(ci.get("prefix").asString()).isEqualTo(token.substring(0, 8));
        assertThat(ci.get("last_used_at").isNull()).isFalse();

        assertThat(app.as(Role.EDITOR, "write").delete("/api/v2/tokens/" + made.id()).status())
                .as("someone else's token is not there for another editor").isEqualTo(404);
        assertThat(editor.get("/api/v2/tokens?all=true").status()).isEqualTo(403);
        assertThat(app.api.get("/api/v2/tokens?all=true").json().get("items").findValuesAsString("id"))
                .contains(made.id().toString());
        assertThat(editor.delete("/api/v2/tokens/" + made.id()).status()).isEqualTo(204);
        assertThat(app.api.withToken(token).get("/api/v2/photosets").status()).isEqualTo(401);
    }

    @Test
    void writesAreAuditedWithTheirAuthorAndCaptionsShowIt() {
        TestApp app = TestApp.of(db);
        Api editor = app.as(Role.EDITOR, "write");
        String editorName = editor.get("/api/v2/auth/me").json().get("name").asString();
        UUID image = new Factories(editor).image(null);
        assertThat(editor.post("/api/v2/images/" + image + "/caption", Map.of("caption", "by hand")).status())
                .isIn(200, 201);
        assertThat(editor.post("/api/v2/images/" + image + "/crop", Map.of("x", 0, "y", 0, "width", 5, "height", 5))
                .status()).isEqualTo(200);
        var caption = editor.get("/api/v2/images/" + image + "/caption?history=true").json();
        assertThat(caption.get("author").asString()).isEqualTo(editorName);
        assertThat(caption.get("history").get(0).get("author").asString()).isEqualTo(editorName);
        assertThat(app.sql().fetchValue("SELECT uploaded_by FROM images WHERE id = '" + image + "'")).isEqualTo(editorName);
        assertThat(app.sql().fetchValue("SELECT updated_by FROM crops WHERE image_id = '" + image + "'")).isEqualTo(editorName);
        assertThat(editor.delete("/api/v2/images/" + image).status()).isEqualTo(204);

        assertThat(editor.get("/api/v2/audit").status()).isEqualTo(403);
        JsonNode mine = app.api.get("/api/v2/audit?user=" + editorName).json().get("items");
        List<String> kinds = new ArrayList<>();
        for (JsonNode e : mine) {
            assertThat(e.get("actor").asString()).isEqualTo(editorName);
            assertThat(e.get("token_id").isNull()).isFalse();
            kinds.add(e.get("kind").asString() + " " + e.get("target_id").asString());
        }
        assertThat(kinds).containsExactly("delete:images " + image, "post:images.crop " + image,
                "post:images.caption " + image, "post:images " + image);
        assertThat(app.api.get("/api/v2/audit?user=" + editorName + "&kind=images.caption").json().get("items").size())
                .isEqualTo(1);
        assertThat(app.api.get("/api/v2/audit?user=" + editorName + "&kind=delete:images").json().get("items").size())
                .isEqualTo(1);
        assertThat(app.api.get("/api/v2/audit?user=" + editorName + "&from=2999-01-01T00:00:00Z").json().get("items").size())
                .isZero();

        var first = app.api.get("/api/v2/audit?user=" + editorName + "&limit=3").json();
        var rest = app.api.get("/api/v2/audit?user=" + editorName + "&limit=3&cursor=" + first.get("next_cursor").asString())
                .json();
        assertThat(rest.get("items").get(0).get("kind").asString()).isEqualTo("post:images");
        assertThat(rest.get("next_cursor").isNull()).isTrue();
        assertThat(app.api.get("/api/v2/audit?from=yesterday").status()).isEqualTo(400);
        assertThat(app.api.get("/api/v2/audit?cursor=nonsense").status()).isEqualTo(400);
    }

    @Test
    void captionsABatchJobWritesAreAuthoredByWhoeverStartedIt() {
        TestApp app = TestApp.of(db);
        Api editor = app.as(Role.EDITOR, "write");
        String editorName = editor.get("/api/v2/auth/me").json().get("name").asString();
        UUID image = new Factories(editor).image(null);
        var job = editor.post("/api/v2/captions/jobs", Map.of("image_ids", List.of(image), "generator", "dummy"));
        assertThat(job.status()).isEqualTo(202);
        JsonNode done = org.gallery.testing.Waits.job(editor, "/api/v2/jobs/" + job.id(), java.time.Duration.ofSeconds(60),
                "succeeded", "failed");
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        var caption = editor.get("/api/v2/images/" + image + "/caption").json();
        assertThat(caption.get("source").asString()).isEqualTo("generated");
        assertThat(caption.get("author").asString()).isEqualTo(editorName);
    }
}
