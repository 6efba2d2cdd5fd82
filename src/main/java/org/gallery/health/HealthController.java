package org.gallery.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gallery.GalleryVersion;
import org.gallery.auth.Caller;
import org.gallery.cache.MetadataCache;
import org.gallery.config.Settings;
import org.gallery.imaging.ImagingEngine;
import org.gallery.storage.FileStore;
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

    @GetMapping("/api/v2/health")
    @Operation(summary = "Overall status and each dependency's (the details need a signed-in user); 503 when the database is down")
    ResponseEntity<Map<String, Object>> health(HttpServletRequest request) {
        boolean dbUp = databaseUp();
        boolean cacheUp = cache.healthy();
        boolean storageUp = files.writable();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", dbUp && storageUp ? (cacheUp ? "ok" : "degraded") : "down");
        if (settings.auth().required() && Caller.of(request) == null) {
            // load balancers and uptime checks see whether it works; what it runs on is for signed-in users
            return ResponseEntity.status(dbUp ? 200 : 503).body(body);
        }
        body.put("version", GalleryVersion.current());
        body.put("database", Map.of("kind", settings.database().kind().name().toLowerCase(), "status", up(dbUp)));
        body.put("cache", Map.of("kind", cache.kind(), "status", up(cacheUp)));
        body.put("imaging", Map.of("engine", engine.id(), "version", engine.version()));
        body.put("storage", Map.of("status", up(storageUp), "writable", storageUp, "free_bytes", files.freeBytes()));
        return ResponseEntity.status(dbUp ? 200 : 503).body(body);
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
