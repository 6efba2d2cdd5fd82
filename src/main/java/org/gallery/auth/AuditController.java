package org.gallery.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.gallery.web.ApiException;
import org.gallery.web.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Accounts")
class AuditController {

    private final AuditLog audit;
    private final UserService users;

    AuditController(AuditLog audit, UserService users) {
        this.audit = audit;
        this.users = users;
    }

    @GetMapping("/api/v2/audit")
    @Operation(summary = "Writes made through the API, newest first: filter by user_id or user (name), kind (e.g. post:images or images.caption), from/to (ISO-8601)")
    Page<AuditEntry> list(@RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(required = false) String user, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        UUID who = userId;
        if (user != null && !user.isBlank()) {
            who = users.byName(user).id();
        }
        return audit.list(new AuditLog.Filter(who, kind, instant("from", from), instant("to", to)), cursor,
                Page.checkLimit(limit));
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "an ISO-8601 time such as 2026-01-31T12:00:00Z");
        }
    }
}
