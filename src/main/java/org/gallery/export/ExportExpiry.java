package org.gallery.export;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Removes exports older than EXPORT_TTL_HOURS every few minutes, in the {@code serve} process. */
@Component
class ExportExpiry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExportExpiry.class);

    private final ExportService exports;
    private final boolean enabled;
    private ScheduledExecutorService timer;
    private volatile boolean running;

    ExportExpiry(ExportService exports, ApplicationContext context) {
        this.exports = exports;
        this.enabled = context instanceof WebServerApplicationContext;
    }

    @Override
    public void start() {
        running = true;
        if (!enabled) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "export-expiry");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweep, 1, 10, TimeUnit.MINUTES);
    }

    private void sweep() {
        try {
            int removed = exports.expire(Instant.now());
            if (removed > 0) {
                log.info("Removed {} expired exports", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Cannot remove expired exports: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
