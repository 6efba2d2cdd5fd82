package org.gallery.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.gallery.testing.CommandRun;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** {@code gallery users} and {@code gallery tokens} on the database a running server uses. */
@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class AccountCliTest {

    @Parameter
    Db db;

    private String out;
    private String err;

    private int run(Object command, String stdin, String... args) {
        CommandRun run = CommandRun.of(new CommandLine(command), args);
        out = run.out();
        err = run.err();
        return run.exit();
    }

    private AccountTool.Services services(String stdin) {
        TestApp app = TestApp.of(db);
        return new AccountTool.Services(() -> app.context, false,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }

    private int users(String stdin, String... args) {
        return run(new UsersCommand(services(stdin)), stdin, args);
    }

    private int tokens(String... args) {
        return run(new TokensCommand(services("")), "", args);
    }

    @Test
    void usersAreManagedWithoutAServerOrCredentials() {
        TestApp app = TestApp.of(db);
        String name = Factories.unique("cli").replace(' ', '-');
        assertThat(users("", "add", name, "--role", "editor")).isZero();
        assertThat(out).startsWith("Created " + name + " (editor) with password ");
        String generated = out.strip().substring(out.strip().lastIndexOf(' ') + 1);
        assertThat(app.signInResponse(name, generated, TestApp.randomAddress()).status()).isEqualTo(200);

        assertThat(users("", "list")).isZero();
        assertThat(out).contains(name).contains("editor").doesNotContain(generated);

        assertThat(users("", "set-role", name, "admin")).isZero();
        assertThat(out.strip()).isEqualTo(name + " is now admin");
        assertThat(users("chosen-password-1\n", "reset-password", name, "--password-stdin")).isZero();
        assertThat(out).doesNotContain("chosen-password-1");
        assertThat(app.signInResponse(name, "chosen-password-1", TestApp.randomAddress()).json().get("role").asString())
                .isEqualTo("admin");

        assertThat(users("", "disable", name)).isZero();
        assertThat(app.signInResponse(name, "chosen-password-1", TestApp.randomAddress()).status()).isEqualTo(401);
        assertThat(users("", "enable", name)).isZero();

        assertThat(users("", "add", name.toUpperCase())).isEqualTo(1);
        assertThat(err).contains("already exists");
        assertThat(users("", "set-role", name, "owner")).isEqualTo(1);
        assertThat(err).contains("not a role");
        assertThat(users("", "disable", "nobody-" + name)).isEqualTo(1);
        assertThat(err).contains("does not exist");

        var audit = app.api.get("/api/v2/audit?kind=cli:users.add").json().get("items");
        assertThat(audit.get(0).get("actor").asString()).isEqualTo("cli");
    }

    @Test
    void tokensPrintOnlyTheTokenAndCanBeRevoked() {
        TestApp app = TestApp.of(db);
        String name = Factories.unique("bot").replace(' ', '-');
        users("secret-password-2\n", "add", name, "--role", "viewer", "--password-stdin");
        assertThat(out.strip()).isEqualTo("Created " + name + " (viewer)");

        assertThat(tokens("create", "--user", name, "--scope", "read", "--name", "ci", "--expires", "90d")).isZero();
        String token = out.strip();
        assertThat(token).startsWith("gal_").doesNotContain(" ").doesNotContain("\n");
        assertThat(app.api.withToken(token).get("/api/v2/auth/me").json().get("name").asString()).isEqualTo(name);

        assertThat(tokens("create", "--user", name, "--scope", "write", "--name", "too-much")).isEqualTo(1);
        assertThat(err).contains("read token");
        assertThat(tokens("create", "--user", name, "--name", "x", "--expires", "soon")).isEqualTo(1);
        assertThat(err).contains("90d");

        assertThat(tokens("list", "--user", name)).isZero();
        assertThat(out).contains("ci").contains(token.substring(0, 8)).doesNotContain(token);
        String id = out.lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(tokens("revoke", id)).isZero();
        assertThat(app.api.withToken(token).get("/api/v2/auth/me").status()).isEqualTo(401);
        assertThat(tokens("revoke", "not-an-id")).isEqualTo(1);
    }
}
