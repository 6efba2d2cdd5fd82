package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.BulkImages;
import org.junit.jupiter.api.Test;

/**
 * The images grid over 50,000 images of one photoset: scrolling to the end fetches every page by cursor while the
 * DOM holds only the cells near the viewport; frame times and long tasks come from the browser's own Performance API.
 */
class LargeGridBrowserTest extends BrowserTest {

    private static final int COUNT = 50_000;

    /** Seeded once for both tests: tagging every image does not change what the scrolling test sees. */
    private static UUID photoset;

    private UUID seeded() throws Exception {
        if (photoset == null) {
            photoset = BulkImages.photoset(app, COUNT, false);
        }
        return photoset;
    }

    @Test
    void fiftyThousandImagesScrollWithABoundedNumberOfNodes() throws Exception {
        UUID set = seeded();
        open("/photosets/" + set);
        waitForText("[data-test=image-count]", "50,001 images (200 loaded)");
        js("""
                window.longTasks = [];
                new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map(e => e.duration)))
                    .observe({ type: 'longtask', buffered: true });
                """);

        // the page scrolls itself: to the end again and again, each time the next page coming by cursor, until all
        // are loaded; then a fast fling back up 200 frames of 600 px. Frame times measured by the page.
        browser.manage().timeouts().scriptTimeout(java.time.Duration.ofMinutes(3));
        Map<String, Object> run = js("""
                return await new Promise((done) => {
                  const g = document.querySelector('.grid-scroll');
                  const count = document.querySelector('[data-test=image-count]');
                  const cells = () => document.querySelectorAll('.cell').length;
                  let maxCells = 0, maxElements = 0;
                  const t0 = performance.now();
                  const toEnd = () => {
                    maxCells = Math.max(maxCells, cells());
                    maxElements = Math.max(maxElements, document.getElementsByTagName('*').length);
                    if (Number(count.dataset.loaded) >= arguments[0]) { requestAnimationFrame(() => fling(performance.now() - t0)); return; }
                    g.scrollTop = g.scrollHeight;
                    requestAnimationFrame(toEnd);
                  };
                  const fling = (loadAllMs) => {
                    const frames = []; let last = performance.now(); let flingCells = 0; let steps = 0;
                    const step = () => {
                      const now = performance.now(); frames.push(now - last); last = now;
                      flingCells = Math.max(flingCells, cells());
                      if (++steps > 200) {
                        frames.sort((a, b) => a - b);
                        done({ loadAllMs, maxCells, maxElements, flingCells, p50: frames[frames.length >> 1],
                               p95: frames[Math.floor(frames.length * 0.95)],
                               heapMb: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : -1,
                               longTasks: window.longTasks.length, longestTask: Math.max(0, ...window.longTasks) });
                        return;
                      }
                      g.scrollTop -= 600;
                      requestAnimationFrame(step);
                    };
                    requestAnimationFrame(step);
                  };
                  toEnd();
                });
                """, COUNT + 1);
        assertThat(find("[data-test=image-count]").getText()).isEqualTo("50,001 images");
        System.out.printf(Locale.ROOT, "[grid 50k] all 251 pages loaded while scrolling in %.1f s; most cells %s, most "
                        + "elements %s; fling of 200 frames x 600 px: frame p50 %.1f ms, p95 %.1f ms, most cells %s; "
                        + "JS heap %.1f MB; %s long tasks, longest %.0f ms%n",
                num(run, "loadAllMs") / 1000, run.get("maxCells"), run.get("maxElements"), num(run, "p50"), num(run, "p95"),
                run.get("flingCells"), num(run, "heapMb"), run.get("longTasks"), num(run, "longestTask"));
        screenshot("after-fling");

        // the point of the windowed grid: the DOM does not grow with the list
        assertThat(num(run, "maxCells")).isLessThan(150);
        assertThat(num(run, "flingCells")).isLessThan(150);
        assertThat(num(run, "maxElements")).isLessThan(600);
        // and where the fling stopped, the thumbnails come in (made on demand from the stored files)
        waitFor(java.time.Duration.ofSeconds(60), d -> js("""
                const view = document.querySelector('.grid-scroll').getBoundingClientRect();
                const shown = [...document.querySelectorAll('.cell img')].filter((i) => {
                  const r = i.getBoundingClientRect();
                  return r.bottom > view.top && r.top < view.bottom;
                });
                return shown.length > 0 && shown.every((i) => i.complete && i.naturalWidth > 0);
                """));
        screenshot("settled");
    }

    @Test
    void allFiftyThousandAreSelectedAsTheFilterAndTaggedInOneRequest() throws Exception {
        UUID set = seeded();
        open("/photosets/" + set);
        waitForText("[data-test=image-count]", "50,001 images (200 loaded)");
        waitFor(d -> !all(".cell .select-box").isEmpty());
        js("arguments[0].click()", all(".cell .select-box").getFirst());
        waitForText("[data-test=selection-count]", "1 image selected");
        // not every page is loaded, so the server counts what the filters match
        find("[data-test=select-all]").click();
        waitForText("[data-test=selection-count]", "All 50,001 matching images selected");
        screenshot("all-selected");

        js("""
                window.sentBodies = [];
                const fetch = window.fetch;
                window.fetch = (url, init) => { window.sentBodies.push(init && init.body); return fetch(url, init); };
                """);
        button("Add tags…").click();
        String tag = "all" + UUID.randomUUID().toString().substring(0, 6);
        find("dialog[open] input[type=text]").sendKeys(tag);
        find("dialog[open] button[type=submit]").click();
        waitFor(java.time.Duration.ofSeconds(180), d -> all(".bulk-status").stream()
                .anyMatch(e -> e.getText().equals("Added " + tag + " to 50,001 images.")));
        List<String> bodies = js("return window.sentBodies.filter((b) => b && b.includes('add_tags'))");
        assertThat(bodies).hasSize(1);
        assertThat(bodies.getFirst()).contains("\"filter\":{\"photoset_id\":\"" + set + "\"}").doesNotContain("\"ids\"");
        Number ms = js("return performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/images/bulk')).pop().duration");
        System.out.printf(Locale.ROOT, "[bulk 50k] one POST /images/bulk tagging all 50,001 matching images took %.0f ms "
                + "(browser resource timing)%n", ms.doubleValue());
        assertThat(app.api.get("/api/v2/images/count?tags=" + tag).json().get("count").asInt()).isEqualTo(COUNT + 1);
        screenshot("all-tagged");
    }

    private static double num(Map<String, Object> values, String key) {
        return ((Number) values.get(key)).doubleValue();
    }
}
