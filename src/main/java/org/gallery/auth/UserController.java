package org.gallery.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.gallery.web.ApiException;
import org.gallery.web.Page;
import org.gallery.web.openapi.Answers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Accounts, for admins (the access rules let nobody else in). */
@RestController
@RequestMapping("/api/v2/users")
@Tag(name = "Accounts")
class UserController {

    record NewUser(String name, @Nullable String role, @Nullable String password) {
    }

    /** {@code password} is present only when the server made it up: shown this once. */
    record CreatedUser(UUID id, String name, String role, boolean disabled, Instant createdAt,
            @Nullable Instant lastLoginAt, @Nullable String password) {
    }

    record UserChange(@Nullable String name, @Nullable String role, @Nullable Boolean disabled,
            @Nullable String password) {
    }

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "All accounts, by name")
    Page<User> list() {
        return new Page<>(users.list(), null);
    }

    @PostMapping
    @Operation(summary = "Create an account: name, role (viewer, editor, admin), password (generated and returned once when left out)")
    @Answers(value = 201, problems = 409)
    ResponseEntity<CreatedUser> create(@RequestBody NewUser body) {
        if (body == null) {
            throw ApiException.badRequest("Give name and role");
        }
        Role role = role(body.role() == null ? "viewer" : body.role());
        String password = body.password() == null ? Secrets.randomPassword() : body.password();
        User u = users.add(body.name(), role, password);
        return ResponseEntity.created(URI.create("/api/v2/users/" + u.id())).body(new CreatedUser(u.id(), u.name(),
                u.role(), u.disabled(), u.createdAt(), u.lastLoginAt(), body.password() == null ? password : null));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change an account: name, role, disabled, password; disabling or a new password ends its sessions")
    @Answers(problems = 409)
    User change(@PathVariable UUID id, @RequestBody UserChange body) {
        User user = users.get(id);
        if (body == null) {
            return user;
        }
        Role role = body.role() == null ? null : role(body.role());
        if (body.password() != null) {
            UserService.checkPassword(body.password());
        }
        if (body.name() != null) {
            UserService.validName(body.name());
        }
        if (body.name() != null) {
            user = users.rename(id, body.name());
        }
        if (role != null) {
            user = users.setRole(id, role);
        }
        if (body.disabled() != null) {
            user = users.setDisabled(id, body.disabled());
        }
        if (body.password() != null) {
            user = users.setPassword(id, body.password());
        }
        return user;
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete an account with its sessions and tokens; what it wrote keeps its author's name")
    @Answers(problems = 409)
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        users.delete(id);
        return ResponseEntity.noContent().build();
    }

    private static Role role(String id) {
        return Role.parse(id).orElseThrow(() -> ApiException.invalidField("role", "one of viewer, editor, admin"));
    }
}
