package org.gallery.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import org.gallery.GalleryVersion;
import org.gallery.auth.Caller;
import org.gallery.cache.MetadataCache;
import org.gallery.config.Settings;
import org.gallery.imaging.ImagingEngine;
import org.gallery.storage.FileStore;
import org.jspecify.annotations.Nullable;
import org.jooq.DSLContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Health")
class HealthController {

    private final DSLContext db;
    private final MetadataCache cache;
    private final FileStore files;
    private final Settings settings;
    private final ImagingEngine engine;

    HealthController(DSLContext db, MetadataCache cache, FileStore files, Settings settings, ImagingEngine engine) {
        this.engine = engine;
        this.db = db;
        this.cache = cache;
        this.files = files;
        this.settings = settings;
    }

    /** The same body answers 200 and, with the database down, 503; without a signed-in caller only {@code status}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = "status")
    record Health(String status, @Nullable String version, @Nullable Dependency database, @Nullable Dependency cache,
            @Nullable Imaging imaging, @Nullable Storage storage) {
    }

    record Dependency(String kind, String status) {
    }

    record Imaging(String engine, String version) {
    }

    /** {@code kind}: local or s3; {@code freeBytes} is -1 where the store has no such limit (a bucket). */
    record Storage(String kind, String status, boolean writable, long freeBytes) {
    }

    @GetMapping("/api/v2/health")
    @Operation(operationId = "getHealth", summary = "Overall status and each dependency's (the details need a signed-in user); 503 when the database or the file storage is down")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = Health.class)))
    @ApiResponse(responseCode = "503", description = "Service Unavailable: the database or the file storage is down",
            content = @Content(schema = @Schema(implementation = Health.class)))
    ResponseEntity<Health> health(HttpServletRequest request) {
        boolean dbUp = databaseUp();
        boolean cacheUp = cache.healthy();
        FileStore.Health storage = files.health();
        boolean storageUp = storage.up() && storage.writable();
        boolean serving = dbUp && storageUp;
        String status = dbUp && storageUp ? (cacheUp ? "ok" : "degraded") : "down";
        if (settings.auth().required() && Caller.of(request) == null) {
            // load balancers and uptime checks see whether it works; what it runs on is for signed-in users
            return ResponseEntity.status(serving ? 200 : 503).body(new Health(status, null, null, null, null, null));
        }
        Health body = new Health(status,
                GalleryVersion.current(),
                new Dependency(settings.database().kind().name().toLowerCase(), up(dbUp)),
                new Dependency(cache.kind(), up(cacheUp)),
                new Imaging(engine.id(), engine.version()),
                new Storage(storage.kind(), up(storage.up()), storage.writable(), storage.freeBytes()));
        return ResponseEntity.status(serving ? 200 : 503).body(body);
    }

    private boolean databaseUp() {
        try {
            db.selectOne().fetch();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String up(boolean up) {
        return up ? "up" : "down";
    }
}
