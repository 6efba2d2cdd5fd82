package org.gallery.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.gallery.config.Settings;
import org.gallery.web.ApiException;
import org.gallery.web.openapi.Answers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Accounts")
class AuthController {

    private static final Logger log = LoggerFactory.getLogger(AuthController.class);

    record LoginRequest(String name, String password) {
    }

    /** The signed-in user; {@code auth} says how: {@code session}, {@code token}, or {@code off} (accounts off). */
    record Me(@Nullable UUID id, String name, String role, String auth) {
        static Me of(Caller c) {
            return new Me(c.userId(), c.name(), c.role().id(), c.via().id());
        }
    }

    private final UserService users;
    private final SessionService sessions;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Settings settings;

    AuthController(UserService users, SessionService sessions, LoginThrottle throttle, AuditLog audit, Settings settings) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.settings = settings;
    }

    @PostMapping("/api/v2/auth/login")
    @Operation(summary = "Sign in with name and password: sets the session cookie; 401 when wrong, 429 after repeated failures")
    @Answers(problems = {401, 409, 429})
    ResponseEntity<Me> login(@RequestBody LoginRequest body, HttpServletRequest request) {
        if (!settings.auth().required()) {
            throw ApiException.conflict("Accounts are off on this server (AUTH=off): no sign-in needed");
        }
        if (body == null || body.name() == null || body.name().isBlank() || body.password() == null) {
            throw ApiException.badRequest("Give name and password");
        }
        String address = Secure.clientAddress(request, settings.auth().trustProxy());
        Duration wait = throttle.wait(body.name(), address);
        if (!wait.isZero()) {
            throw tooMany(wait);
        }
        var user = users.verify(body.name(), body.password());
        if (user.isEmpty()) {
            throttle.failed(body.name(), address);
            log.info("Failed sign-in as {} from {}", body.name().strip(), address);
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Wrong name or password, or the account is disabled");
        }
        throttle.succeeded(body.name());
        var u = user.get();
        var started = sessions.start(u.id(), request.getHeader("User-Agent"));
        Caller caller = new Caller(u.id(), u.name(), Role.parse(u.role()).orElse(Role.VIEWER), Caller.Via.SESSION, null);
        audit.record(caller.actor(), "post:auth.login", "POST", request.getRequestURI(), u.id().toString(), 200);
        ResponseCookie cookie = ResponseCookie.from(Authenticator.COOKIE, started.cookieValue())
                .httpOnly(true).sameSite("Lax").path("/").maxAge(started.maxAge())
                .secure(Secure.request(request, settings.auth().trustProxy())).build();
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString()).body(Me.of(caller));
    }

    @PostMapping("/api/v2/auth/logout")
    @Operation(summary = "Sign out: ends this browser session (a token stays valid until revoked)")
    ResponseEntity<Void> logout(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        if (caller != null && caller.via() == Caller.Via.SESSION) {
            sessions.end(caller.credentialId());
        }
        ResponseCookie gone = ResponseCookie.from(Authenticator.COOKIE, "").httpOnly(true).sameSite("Lax").path("/")
                .maxAge(0).secure(Secure.request(request, settings.auth().trustProxy())).build();
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, gone.toString()).build();
    }

    @GetMapping("/api/v2/auth/me")
    @Operation(summary = "Who is signed in, with which role, and how (session, token, or off when accounts are off)")
    Me me(HttpServletRequest request) {
        return Me.of(Caller.of(request));
    }

    private static ApiException tooMany(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                "Too many failed sign-ins for this account or address; try again in " + seconds + " s")
                .withHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
    }
}
