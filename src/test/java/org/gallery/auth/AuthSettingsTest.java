package org.gallery.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.gallery.config.InvalidSettingException;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The first start, and accounts turned off. */
@ExtendWith(OutputCaptureExtension.class)
class AuthSettingsTest {

    @Test
    void theFirstStartMakesAnAdminAndSaysOnceHowToSignIn(CapturedOutput output) {
        Map<String, String> env = TestApp.freshEnvironment(Db.SQLITE);
        env.put("GALLERY_ADMIN_PASSWORD", "");
        String password;
        try (TestApp app = TestApp.startWith(Db.SQLITE, env)) {
            String line = output.getOut().lines().filter(l -> l.startsWith("Sign in at ")).findFirst().orElseThrow();
            assertThat(line).startsWith("Sign in at " + app.api.base() + "/ as admin with password ");
            password = line.substring(line.lastIndexOf(' ') + 1);
            assertThat(password).hasSize(20);
            assertThat(app.signInResponse("admin", password, TestApp.randomAddress()).status()).isEqualTo(200);
            assertThat(output.getOut().lines().filter(l -> l.contains(password)).count())
                    .as("the password is shown once and logged nowhere").isEqualTo(1);
        }
        int before = (int) output.getOut().lines().filter(l -> l.startsWith("Sign in at ")).count();
        try (TestApp again = TestApp.startWith(Db.SQLITE, env)) {
            assertThat(output.getOut().lines().filter(l -> l.startsWith("Sign in at ")).count()).isEqualTo(before);
            assertThat(again.signInResponse("admin", password, TestApp.randomAddress()).status()).isEqualTo(200);
        }
    }

    @Test
    void withAccountsOffEveryRequestActsAsTheLocalAdmin(CapturedOutput output) {
        try (TestApp app = TestApp.startWith(Db.SQLITE, Map.of("AUTH", "off"))) {
            Api plain = app.api.anonymous();
            assertThat(plain.get("/api/v2/auth/me").json().get("auth").asString()).isEqualTo("off");
            assertThat(plain.post("/api/v2/photosets", Map.of("name", Factories.unique("off"))).status()).isEqualTo(201);
            assertThat(plain.get("/api/v2/health").json().has("database")).isTrue();
            assertThat(plain.post("/api/v2/auth/login", Map.of("name", "admin", "password", "x")).status()).isEqualTo(409);
            assertThat(output.getOut()).contains("AUTH=off");
        }
    }

    @Test
    void accountsCanBeOffOnlyOnALoopbackAddress() {
        assertThatThrownBy(() -> TestApp.startWith(Db.SQLITE, Map.of("AUTH", "off", "API_HOST", "0.0.0.0")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("AUTH")
                .hasMessageContaining("loopback");
    }
}
