package org.gallery.web.openapi;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.auth.Role;
import org.gallery.testing.Api;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;

/** The accounts part of the contract scenario: refusals, sign-in, tokens, users and the audit list. */
final class AccountsScenario extends ContractCalls {

    private final TestApp app;

    AccountsScenario(TestApp app, OpenApiContract contract, List<String> unexpected) {
        this.app = app;
        this.api = app.api;
        this.contract = contract;
        this.unexpected = unexpected;
    }

    void run() {
        Api admin = api;
        api = admin.anonymous();
        expect(401, get(V2 + "/photosets"));
        expect(200, get(V2 + "/health"));
        api = app.as(Role.EDITOR, "read");
        expect(403, post(V2 + "/photosets", Map.of("name", Factories.unique("refused"))));

        api = admin.anonymous().withHeaders("X-Forwarded-For", TestApp.randomAddress());
        expect(400, post(V2 + "/auth/login", Map.of("name", "admin")));
        expect(401, post(V2 + "/auth/login", Map.of("name", "admin", "password", "not the password")));
        expect(200, post(V2 + "/auth/login", Map.of("name", "admin", "password", TestApp.ADMIN_PASSWORD)));
        api = app.signIn("admin", TestApp.ADMIN_PASSWORD);
        expect(200, get(V2 + "/auth/me"));
        tokens();
        users();
        expect(200, get(V2 + "/audit?limit=5"));
        expect(400, get(V2 + "/audit?from=yesterday"));
        expect(204, post(V2 + "/auth/logout", Map.of()));
        api = admin;
    }

    private void tokens() {
        expect(200, get(V2 + "/tokens"));
        UUID token = expect(201, post(V2 + "/tokens", Map.of("name", "contract", "scope", "read", "expires_in_days", 1))).id();
        expect(400, post(V2 + "/tokens", Map.of("name", "contract", "scope", "everything")));
        expect(204, delete(V2 + "/tokens/" + token));
        expect(404, delete(V2 + "/tokens/" + token));
    }

    private void users() {
        expect(200, get(V2 + "/users"));
        String name = Factories.unique("contract").replace(' ', '-');
        UUID user = expect(201, post(V2 + "/users", Map.of("name", name, "role", "viewer"))).id();
        expect(409, post(V2 + "/users", Map.of("name", name.toUpperCase(), "role", "viewer")));
        expect(400, post(V2 + "/users", Map.of("name", name + "-x", "role", "owner")));
        expect(200, patch(V2 + "/users/" + user, Map.of("role", "editor", "disabled", true)));
        expect(404, patch(V2 + "/users/" + UUID.randomUUID(), Map.of("role", "editor")));
        expect(204, delete(V2 + "/users/" + user));
    }
}
