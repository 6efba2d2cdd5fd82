package org.gallery.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.gallery.web.ApiException;
import org.gallery.web.Page;
import org.gallery.web.openapi.Answers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own API tokens; admins see and revoke everybody's. */
@RestController
@RequestMapping("/api/v2/tokens")
@Tag(name = "Accounts")
class TokenController {

    record NewToken(String name, String scope, @Nullable Instant expiresAt, @Nullable Integer expiresInDays) {
    }

    /** The token itself is in {@code token}, shown only in this answer. */
    record CreatedToken(String token, UUID id, String name, String scope, UUID userId, String userName, String prefix,
            Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt) {
        static CreatedToken of(ApiToken.Created c) {
            ApiToken t = c.info();
            return new CreatedToken(c.token(), t.id(), t.name(), t.scope(), t.userId(), t.userName(), t.prefix(),
                    t.createdAt(), t.expiresAt(), t.lastUsedAt());
        }
    }

    private final TokenService tokens;

    TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    @Operation(summary = "Your tokens (never their secrets); admins add all=true for everybody's")
    @Answers(problems = 409)
    Page<ApiToken> list(@RequestParam(required = false) Boolean all, HttpServletRequest request) {
        Caller caller = signedIn(request);
        boolean everybody = Boolean.TRUE.equals(all);
        if (everybody && !caller.role().covers(Role.ADMIN)) {
            throw new ApiException(org.springframework.http.HttpStatus.FORBIDDEN, "Only admins list everybody's tokens");
        }
        return new Page<>(tokens.list(everybody ? null : caller.userId()), null);
    }

    @PostMapping
    @Operation(summary = "Create a token for yourself: name, scope (read, write, admin; at most your role), optional expires_at or expires_in_days; the token is shown once")
    @Answers(value = 201, problems = 409)
    ResponseEntity<CreatedToken> create(@RequestBody NewToken body, HttpServletRequest request) {
        Caller caller = signedIn(request);
        if (body == null) {
            throw ApiException.badRequest("Give name and scope");
        }
        if (body.expiresAt() != null && body.expiresInDays() != null) {
            throw ApiException.badRequest("Give expires_at or expires_in_days, not both");
        }
        Instant expires = body.expiresAt();
        if (body.expiresInDays() != null) {
            if (body.expiresInDays() < 1 || body.expiresInDays() > 3650) {
                throw ApiException.invalidField("expires_in_days", "must be between 1 and 3650");
            }
            expires = Instant.now().plus(Duration.ofDays(body.expiresInDays()));
        }
        var created = tokens.create(caller.userId(), caller.role(), body.name(), body.scope(), expires);
        return ResponseEntity.created(URI.create("/api/v2/tokens/" + created.info().id())).body(CreatedToken.of(created));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a token: yours, or anybody's for an admin")
    @Answers(problems = 409)
    ResponseEntity<Void> revoke(@PathVariable UUID id, HttpServletRequest request) {
        Caller caller = signedIn(request);
        ApiToken token = tokens.get(id);
        if (!token.userId().equals(caller.userId()) && !caller.role().covers(Role.ADMIN)) {
            throw ApiException.notFound("Token", id);
        }
        tokens.revoke(id);
        return ResponseEntity.noContent().build();
    }

    private static Caller signedIn(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        if (caller == null || caller.userId() == null) {
            throw ApiException.conflict("Accounts are off on this server (AUTH=off): there are no users to own tokens");
        }
        return caller;
    }
}
