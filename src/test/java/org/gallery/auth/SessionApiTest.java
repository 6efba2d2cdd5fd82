package org.gallery.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
@ExtendWith(OutputCaptureExtension.class)
class SessionApiTest {

    @Parameter
    Db db;

    private static String user(TestApp app, Role role) {
        String name = Factories.unique(role.id()).replace(' ', '-');
        assertThat(app.api.post("/api/v2/users", Map.of("name", name, "role", role.id(), "password", "pw-" + name))
                .status()).isEqualTo(201);
        return name;
    }

    @Test
    void signingInSetsAnHttpOnlyLaxCookieThatAnswersForTheUser() {
        TestApp app = TestApp.of(db);
        String name = user(app, Role.EDITOR);
        var login = app.signInResponse(name.toUpperCase(), "pw-" + name, TestApp.randomAddress());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("name").asString()).isEqualTo(name);
        assertThat(login.json().get("role").asString()).isEqualTo("editor");
        assertThat(login.header("Set-Cookie")).startsWith(Authenticator.COOKIE + "=").contains("HttpOnly", "SameSite=Lax",
                "Path=/").doesNotContain("Secure");
        Api browser = app.signIn(name, "pw-" + name);
        var me = browser.get("/api/v2/auth/me").json();
        assertThat(me.get("name").asString()).isEqualTo(name);
        assertThat(me.get("auth").asString()).isEqualTo("session");

        var overHttps = app.api.anonymous().withHeaders("X-Forwarded-For", TestApp.randomAddress(), "X-Forwarded-Proto",
                "https").post("/api/v2/auth/login", Map.of("name", name, "password", "pw-" + name));
        assertThat(overHttps.header("Set-Cookie")).contains("Secure");
    }

    @Test
    void wrongPasswordsAre401ThenSlowedDownWith429() {
        TestApp app = TestApp.of(db);
        String name = user(app, Role.VIEWER);
        String address = TestApp.randomAddress();
        for (int i = 0; i < LoginThrottle.ACCOUNT_FREE_FAILURES; i++) {
            var r = app.signInResponse(name, "wrong", address);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("detail").asString()).isEqualTo("Wrong name or password, or the account is disabled");
        }
        assertThat(app.signInResponse(name, "wrong", address).status()).isEqualTo(401);
        var slowed = app.signInResponse(name, "pw-" + name, TestApp.randomAddress());
        assertThat(slowed.status()).as("even the right password waits, from any address").isEqualTo(429);
        assertThat(Integer.parseInt(slowed.header("Retry-After"))).isBetween(1, 2);
        assertThat(slowed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(app.signInResponse("nobody-" + name, "wrong", TestApp.randomAddress()).status())
                .as("an unknown name gets the same answer as a wrong password").isEqualTo(401);
    }

    @Test
    void oneAddressGuessingManyAccountsIsSlowedDown() {
        TestApp app = TestApp.of(db);
        String address = TestApp.randomAddress();
        for (int i = 0; i <= LoginThrottle.ADDRESS_FREE_FAILURES; i++) {
            assertThat(app.signInResponse("guess-" + i, "wrong", address).status()).isEqualTo(401);
        }
        var r = app.signInResponse("guess-x", "wrong", address);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isNotNull();
    }

    @Test
    void cookieWritesMustComeFromThisSite() {
        TestApp app = TestApp.of(db);
        String name = user(app, Role.EDITOR);
        Api browser = app.signIn(name, "pw-" + name);
        String cookie = browser.defaultHeaders()[1];
        var body = Map.of("name", Factories.unique("csrf"));
        var noOrigin = app.api.withHeaders("Cookie", cookie).post("/api/v2/photosets", body);
        assertThat(noOrigin.status()).isEqualTo(403);
        assertThat(noOrigin.json().get("detail").asString()).contains("Origin");
        assertThat(app.api.withHeaders("Cookie", cookie, "Origin", "http://evil.example").post("/api/v2/photosets", body)
                .status()).isEqualTo(403);
        assertThat(app.api.withHeaders("Cookie", cookie).get("/api/v2/photosets").status())
                .as("reading needs no origin").isEqualTo(200);
        assertThat(browser.post("/api/v2/photosets", body).status()).isEqualTo(201);
        assertThat(app.api.withHeaders("Cookie", cookie, "Sec-Fetch-Site", "same-origin")
                .post("/api/v2/photosets", Map.of("name", Factories.unique("fetch"))).status()).isEqualTo(201);
    }

    @Test
    void signingOutEndsTheSession() {
        TestApp app = TestApp.of(db);
        String name = user(app, Role.VIEWER);
        Api browser = app.signIn(name, "pw-" + name);
        var out = browser.post("/api/v2/auth/logout", Map.of());
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Set-Cookie")).contains("Max-Age=0");
        assertThat(browser.get("/api/v2/auth/me").status()).isEqualTo(401);
    }

    @Test
    void aDisabledUsersSessionsAndTokensStopAtOnce() {
        TestApp app = TestApp.of(db);
        String name = user(app, Role.EDITOR);
        Api browser = app.signIn(name, "pw-" + name);
        var token = browser.post("/api/v2/tokens", Map.of("name", "laptop", "scope", "write"));
        assertThat(token.status()).isEqualTo(201);
        Api script = app.api.withToken(token.json().get("token").asString());
        assertThat(script.get("/api/v2/auth/me").json().get("auth").asString()).isEqualTo("token");
        String id = browser.get("/api/v2/auth/me").json().get("id").asString();

        assertThat(app.api.patch("/api/v2/users/" + id, Map.of("disabled", true)).status()).isEqualTo(200);
        assertThat(browser.get("/api/v2/auth/me").status()).isEqualTo(401);
        assertThat(script.get("/api/v2/photosets").status()).isEqualTo(401);
        assertThat(app.signInResponse(name, "pw-" + name, TestApp.randomAddress()).status()).isEqualTo(401);

        assertThat(app.api.patch("/api/v2/users/" + id, Map.of("disabled", false)).status()).isEqualTo(200);
        assertThat(script.get("/api/v2/photosets").status()).as("a token comes back with its user").isEqualTo(200);
        assertThat(browser.get("/api/v2/auth/me").status()).as("sessions do not").isEqualTo(401);
    }

    @Test
    void aViewerSeesButChangesNothing() {
        TestApp app = TestApp.of(db);
        String name = user(app, Role.VIEWER);
        Api viewer = app.signIn(name, "pw-" + name);
        assertThat(viewer.get("/api/v2/photosets").status()).isEqualTo(200);
        var refused = viewer.post("/api/v2/photosets", Map.of("name", Factories.unique("viewer")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).contains("editor", name + " is a viewer");
        assertThat(viewer.get("/api/v2/users").status()).isEqualTo(403);
        assertThat(viewer.post("/api/v2/tokens", Map.of("name", "mine", "scope", "read")).status()).isEqualTo(201);
        assertThat(viewer.post("/api/v2/tokens", Map.of("name", "more", "scope", "write")).status()).isEqualTo(403);
    }

    @Test
    void passwordsAndTheirHashesAppearInNoAnswerAndNoLogLine(CapturedOutput output) {
        TestApp app = TestApp.of(db);
        String name = user(app, Role.ADMIN);
        Api admin = app.signIn(name, "pw-" + name);
        app.signInResponse(name, "a-wrong-guess", TestApp.randomAddress());
        String hash = app.sql().fetchValue("SELECT password_hash FROM users WHERE name = '" + name + "'").toString();
        assertThat(hash).startsWith("$2");
        for (var r : java.util.List.of(admin.get("/api/v2/users"), admin.get("/api/v2/auth/me"),
                app.signInResponse(name, "pw-" + name, TestApp.randomAddress()), admin.get("/api/v2/audit?limit=500"))) {
            assertThat(r.text()).doesNotContain(hash).doesNotContain("pw-" + name).doesNotContain("password_hash");
        }
        assertThat(output.getAll()).doesNotContain(hash).doesNotContain("pw-" + name).doesNotContain("a-wrong-guess");
    }

    @Test
    void aSessionWorksOnEveryInstanceOfOneDatabase() throws Exception {
        TestApp first = TestApp.of(db);
        String name = user(first, Role.EDITOR);
        Api onFirst = first.signIn(name, "pw-" + name);
        try (TestApp second = first.secondInstance()) {
            String cookie = onFirst.defaultHeaders()[1];
            Api onSecond = second.api.withHeaders("Cookie", cookie, "Origin", second.api.base());
            assertThat(onSecond.get("/api/v2/auth/me").json().get("name").asString()).isEqualTo(name);
            assertThat(onSecond.post("/api/v2/photosets", Map.of("name", Factories.unique("second"))).status())
                    .isEqualTo(201);
            assertThat(onSecond.post("/api/v2/auth/logout", Map.of()).status()).isEqualTo(204);
            long deadline = System.currentTimeMillis() + Authenticator.REMEMBER.toMillis() + 3000;
            int status = 200;
            while (status == 200 && System.currentTimeMillis() < deadline) {
                status = onFirst.get("/api/v2/auth/me").status();
                Thread.sleep(200);
            }
            assertThat(status).as("signed out on one instance is signed out on the other within seconds").isEqualTo(401);
        }
    }
}
