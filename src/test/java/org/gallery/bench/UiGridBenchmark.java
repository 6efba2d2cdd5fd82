package org.gallery.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.BulkImages;
import org.gallery.testing.Db;
import org.gallery.testing.TestApp;
import org.gallery.ui.Browser;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The images grid in a real (headless) Chromium, run on demand (bench/ui_grid.sh): one photoset of N images
 * (default 50,000) seeded in bulk with their small thumbnails, then, from the browser's own Performance API: the
 * time from navigation to the first screen of thumbnails decoded, frame times while the page scrolls itself from top
 * to bottom, the number of DOM nodes, and the JS heap after scrolling through.
 */
public final class UiGridBenchmark {

    /** Runs in every new document before the page's scripts: notes when the thumbnails in view are all decoded. */
    private static final String FIRST_SCREEN_WATCHER = """
            (() => {
              if (location.pathname !== '/') return;
              const check = () => {
                const grid = document.querySelector('.grid-scroll');
                if (grid) {
                  const view = grid.getBoundingClientRect();
                  const shown = [...document.querySelectorAll('.cell img')].filter((i) => {
                    const r = i.getBoundingClientRect();
                    return r.bottom > view.top && r.top < view.bottom;
                  });
                  if (shown.length > 0 && shown.every((i) => i.currentSrc && i.complete && i.naturalWidth > 0)) {
                    Promise.all(shown.map((i) => i.decode().catch(() => null)))
                      .then(() => {
                        const res = performance.getEntriesByType('resource');
                        const page = res.find((e) => e.name.includes('/images?'));
                        const thumbs = res.filter((e) => e.name.includes('/thumbnail/')).map((e) => e.responseEnd);
                        window.firstScreen = { ms: performance.now(), images: shown.length,
                          pageMs: page ? page.responseEnd : -1, lastThumbnailMs: Math.max(-1, ...thumbs) };
                      });
                    return;
                  }
                }
                requestAnimationFrame(check);
              };
              requestAnimationFrame(check);
            })();
            """;

    /** Scrolls the grid by one screen per frame until every image is loaded and the end is reached. */
    private static final String SCROLL_THROUGH = """
            const total = arguments[0];
            return await new Promise((done) => {
              const grid = document.querySelector('.grid-scroll');
              const count = document.querySelector('[data-test=image-count]');
              const longTasks = [];
              new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)))
                .observe({ type: 'longtask' });
              // long animation frames say whose scripts ran in a slow frame: the page's own modules, or none
              const slowFrames = [];
              new PerformanceObserver((list) => {
                for (const e of list.getEntries()) {
                  const ours = e.scripts.filter((s) => s.sourceURL.startsWith(location.origin));
                  slowFrames.push({ duration: e.duration, ours: ours.reduce((sum, s) => sum + s.duration, 0),
                    rendering: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
                    where: ours.map((s) => `${s.sourceFunctionName || s.invoker} (${s.sourceURL.split('/').pop()})`) });
                }
              }).observe({ type: 'long-animation-frame' });
              const frames = [];
              let maxNodes = 0;
              const t0 = performance.now();
              let last = t0;
              const step = () => {
                const now = performance.now();
                frames.push(now - last);
                last = now;
                if (frames.length % 5 === 0) maxNodes = Math.max(maxNodes, document.querySelectorAll('*').length);
                const atEnd = grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 2;
                if (atEnd && Number(count.dataset.loaded) >= total) {
                  // a last look once the final page is drawn
                  requestAnimationFrame(() => done({ frames, longTasks, slowFrames, maxNodes, ms: performance.now() - t0,
                    scrolledPx: grid.scrollTop, nodes: document.querySelectorAll('*').length }));
                  return;
                }
                grid.scrollTop += grid.clientHeight;
                requestAnimationFrame(step);
              };
              requestAnimationFrame(step);
            });
            """;

    private UiGridBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = Integer.getInteger("bench.rounds", 5);
        TestApp app = TestApp.startWith(Db.SQLITE, Map.of());
        try {
            long seedStart = System.nanoTime();
            UUID set = BulkImages.photoset(app, count, true);
            System.out.printf(Locale.ROOT, "%nseeded %,d images with small thumbnails in %.1f s%n", count + 1,
                    (System.nanoTime() - seedStart) / 1e9);
            System.out.println("load average before: " + load());
            run(app, set, count + 1, rounds);
            System.out.println("load average after: " + load() + " on " + Runtime.getRuntime().availableProcessors()
                    + " cores (a busy machine lengthens every frame)");
        } finally {
            app.close();
        }
        System.exit(0);
    }

    private static void run(TestApp app, UUID set, int total, int rounds) {
        ChromeDriver browser = Browser.get();
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        Browser.signIn(browser, app, "admin", TestApp.ADMIN_PASSWORD);
        // every visit fetches page and thumbnails from the server, as a first visit would
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", FIRST_SCREEN_WATCHER));
        String grid = app.api.base() + "/#/photosets/" + set;

        // the first visit also warms the server (JIT, caches); it is reported, then left out of the median
        List<Double> visits = new ArrayList<>();
        List<Double> pages = new ArrayList<>();
        List<Double> thumbnails = new ArrayList<>();
        int images = 0;
        for (int i = 0; i <= rounds; i++) {
            browser.get(app.api.base() + "/favicon.svg");
            browser.get(grid);
            @SuppressWarnings("unchecked")
            Map<String, Object> first = (Map<String, Object>) new WebDriverWait(browser, Duration.ofSeconds(60))
                    .until(d -> browser.executeScript("return window.firstScreen || null"));
            double ms = ((Number) first.get("ms")).doubleValue();
            images = ((Number) first.get("images")).intValue();
            if (i == 0) {
                System.out.printf(Locale.ROOT, "first screen, first visit: %.0f ms%n", ms);
            } else {
                visits.add(ms);
                pages.add(((Number) first.get("pageMs")).doubleValue());
                thumbnails.add(((Number) first.get("lastThumbnailMs")).doubleValue());
            }
        }
        visits.sort(null);
        System.out.printf(Locale.ROOT, "first screen of thumbnails decoded (%d thumbnails, navigation start to decoded, "
                + "browser cache off): median %.0f ms, worst %.0f ms of %d visits%n", images, visits.get(visits.size() / 2),
                visits.getLast(), visits.size());
        pages.sort(null);
        thumbnails.sort(null);
        System.out.printf(Locale.ROOT, "  of which: first page of the list answered at %.0f ms, last thumbnail in view "
                + "received at %.0f ms (medians, from navigation start)%n", pages.get(pages.size() / 2),
                thumbnails.get(thumbnails.size() / 2));

        browser.manage().timeouts().scriptTimeout(Duration.ofMinutes(10));
        @SuppressWarnings("unchecked")
        Map<String, Object> scroll = (Map<String, Object>) browser.executeScript(SCROLL_THROUGH, total);
        double[] frames = ((List<?>) scroll.get("frames")).stream().mapToDouble(f -> ((Number) f).doubleValue()).sorted().toArray();
        double[] longTasks = ((List<?>) scroll.get("longTasks")).stream().mapToDouble(f -> ((Number) f).doubleValue()).sorted().toArray();
        long slow = java.util.Arrays.stream(frames).filter(f -> f > 50).count();
        System.out.printf(Locale.ROOT, "scroll top to bottom, one screen per frame: %,d frames over %,.0f px in %.1f s; "
                        + "frame time p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, longest %.1f ms; %d frames over 50 ms; "
                        + "%d long tasks (over 50 ms), longest %.0f ms%n",
                frames.length, num(scroll, "scrolledPx"), num(scroll, "ms") / 1000, at(frames, 0.5), at(frames, 0.95),
                at(frames, 0.99), frames[frames.length - 1], slow, longTasks.length,
                longTasks.length == 0 ? 0 : longTasks[longTasks.length - 1]);
        List<?> slowFrames = (List<?>) scroll.get("slowFrames");
        double oursLongest = 0;
        int oursOver50 = 0;
        double oursTotal = 0;
        double renderingTotal = 0;
        Map<String, Integer> where = new java.util.TreeMap<>();
        for (Object o : slowFrames) {
            Map<?, ?> f = (Map<?, ?>) o;
            double ours = ((Number) f.get("ours")).doubleValue();
            oursTotal += ours;
            renderingTotal += ((Number) f.get("rendering")).doubleValue();
            oursLongest = Math.max(oursLongest, ours);
            if (ours > 50) {
                oursOver50++;
            }
            for (Object w : (List<?>) f.get("where")) {
                where.merge(w.toString(), 1, Integer::sum);
            }
        }
        System.out.printf(Locale.ROOT, "long animation frames: %d; in them the page's own scripts ran %.0f ms in all (longest "
                        + "in one frame %.0f ms, %d frames where they ran over 50 ms), style/layout/paint %.0f ms; "
                        + "scripts seen: %s%n", slowFrames.size(), oursTotal, oursLongest, oursOver50, renderingTotal, where);
        System.out.printf(Locale.ROOT, "DOM nodes (document.querySelectorAll('*')): at most %,d while scrolling, %,d at the end%n",
                ((Number) scroll.get("maxNodes")).intValue(), ((Number) scroll.get("nodes")).intValue());
        double heap = ((Number) browser.executeScript("return performance.memory.usedJSHeapSize")).doubleValue();
        browser.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
        double heapAfterGc = ((Number) browser.executeScript("return performance.memory.usedJSHeapSize")).doubleValue();
        System.out.printf(Locale.ROOT, "JS heap after scrolling through: %.1f MB used (%.1f MB after a garbage collection)%n",
                heap / 1048576, heapAfterGc / 1048576);
    }

    private static String load() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double at(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
    }

    private static double num(Map<String, Object> values, String key) {
        return ((Number) values.get(key)).doubleValue();
    }
}
