package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Factories;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;

/**
 * Every main screen at a 390 × 844 phone and at 1280 × 800, in the dark and the light scheme: nothing sticks out
 * sideways (only a table may scroll inside its own box), and each is saved as a screenshot.
 */
class PhoneAndDarkBrowserTest extends BrowserTest {

    /** Elements whose right edge is beyond the viewport and that no scrolling box of their own holds. */
    private static final String STICKING_OUT = """
            const w = document.documentElement.clientWidth;
            const held = (el) => {
              for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                if (p.tagName === 'MAIN' || p.tagName === 'DIALOG') return false;
                if (getComputedStyle(p).overflowX !== 'visible') return true;
              }
              return false;
            };
            const out = [...document.querySelectorAll('body *')].filter((e) => {
              const r = e.getBoundingClientRect();
              return r.width > 0 && r.height > 0 && r.right > w + 1 && !held(e);
            }).map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).replace(/ /g, '.') : ''));
            const main = document.querySelector('main');
            if (document.documentElement.scrollWidth > w) out.push('document ' + document.documentElement.scrollWidth);
            if (main.scrollWidth > main.clientWidth) out.push('main ' + main.scrollWidth);
            return out.slice(0, 10);
            """;

    @Test
    void mainScreensFitAPhoneInBothSchemes() {
        UUID set = make.photoset(Factories.unique("Summer at the harbour, a name long enough to wrap on a phone"), Map.of());
        UUID image = make.image(set, "a_long_file_name_from_a_camera_IMG_20240101_123456.jpg", TestImages.jpeg(900, 600), List.of("sea", "boat"));
        // a screenful of pictures of different shapes, as a real photoset has (the README shows this grid)
        int[][] shapes = {{600, 900}, {800, 800}, {1200, 675}, {640, 800}, {900, 600}, {1000, 750}, {720, 900}, {960, 640},
            {800, 1000}, {1024, 576}, {700, 700}, {900, 1200}};
        for (int i = 0; i < shapes.length; i++) {
            make.image(set, String.format("IMG_%04d.jpg", i + 1), TestImages.jpeg(shapes[i][0], shapes[i][1]), List.of());
        }
        app.api.post("/api/v2/images/" + image + "/caption", Map.of("caption", "A boat on a calm sea"));
        app.api.post("/api/v2/images/" + image + "/crop", Map.of("x", 100, "y", 50, "width", 600, "height", 400));
        UUID export = app.api.post("/api/v2/exports", Map.of("photoset_id", set.toString())).id();
        waitFor(Duration.ofSeconds(30), d -> app.api.get("/api/v2/exports/" + export).json().get("status").asString().equals("succeeded"));

        Map<String, String> screens = new java.util.LinkedHashMap<>();
        screens.put("library", "/library");
        screens.put("images", "/photosets/" + set);
        screens.put("viewer", "/photosets/" + set + "?image=" + image);
        screens.put("queue", "/queue?photoset=" + set);
        screens.put("jobs", "/jobs");
        screens.put("exports", "/exports");
        screens.put("status", "/status");
        screens.put("search", "/search?mode=text&q=boat&photoset_id=" + set);
        screens.put("duplicates", "/duplicates?photoset_id=" + set);
        for (String scheme : List.of("dark", "light")) {
            Browser.colorScheme(scheme);
            for (int[] size : List.of(new int[] {390, 844}, new int[] {1280, 800})) {
                open("/library"); // a page with its viewport tag, so a phone's width is the layout's width
                resize(size[0], size[1]);
                for (var screen : screens.entrySet()) {
                    open(screen.getValue());
                    settle(screen.getKey());
                    String background = js("return getComputedStyle(document.body).backgroundColor");
                    assertThat(background).as("%s background in the %s scheme", screen.getKey(), scheme)
                            .isEqualTo(scheme.equals("dark") ? "rgb(17, 20, 24)" : "rgb(246, 247, 249)");
                    List<String> out = js(STICKING_OUT);
                    assertThat(out).as("%s at %d px, %s: elements beyond the right edge", screen.getKey(), size[0], scheme).isEmpty();
                    screenshot(screen.getKey() + "-" + size[0] + "-" + scheme);
                }
            }
        }
    }

    /** Waits for what each screen loads, so the check sees the screen as a user would. */
    private void settle(String screen) {
        switch (screen) {
            case "library" -> find(".card");
            case "images" -> waitFor(d -> js("return [...document.querySelectorAll('.cell img')].some((i) => i.complete && i.naturalWidth > 0)"));
            case "viewer" -> {
                waitFor(d -> js("const i = document.querySelector('dialog.viewer .viewer-image'); return !!i && i.complete && i.naturalWidth > 0"));
                waitForText("[data-test=crop-numbers]", "600 × 400 px");
            }
            case "queue" -> waitFor(d -> js("const i = document.querySelector('.queue-image'); return !!i && i.complete && i.naturalWidth > 0"));
            case "jobs" -> find("table.jobs tbody tr");
            case "exports" -> find("[data-test=download]");
            case "search" -> waitFor(d -> js("const i = document.querySelector('.cell img'); return !!i && i.complete && i.naturalWidth > 0"));
            case "duplicates" -> waitFor(d -> js("return !!document.querySelector('.dup-group, .dup-empty:not([hidden])')"));
            default -> find(".health");
        }
    }
}
