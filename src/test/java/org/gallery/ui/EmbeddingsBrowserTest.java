package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.search.FakeEmbeddingServer;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Search and similar images with embeddings on: an app of its own whose embedding server sees colours (a red
 * picture's vector points where the word "red" does), so what should come first is known.
 */
class EmbeddingsBrowserTest extends BrowserTest {

    private static TestApp withEmbeddings;

    private static synchronized TestApp appWithEmbeddings() {
        if (withEmbeddings == null) {
            try {
                var server = new FakeEmbeddingServer();
                withEmbeddings = TestApp.startWith(Db.SQLITE, Map.of("EMBEDDINGS", "openai",
                        "EMBEDDING_BASE_URL", server.baseUrl(), "EMBEDDING_MODEL", "colours-v1"));
                TestApp started = withEmbeddings;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    server.close();
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return withEmbeddings;
    }

    @BeforeEach
    void useTheAppWithEmbeddings() {
        app = appWithEmbeddings();
        make = new Factories(app.api);
        browser.get(app.api.base() + "/favicon.svg");
        browser.manage().deleteAllCookies();
        signIn(app, "admin", TestApp.ADMIN_PASSWORD);
    }

    record Colours(UUID set, UUID red, UUID green, UUID blue) {
    }

    private Colours upload() {
        UUID set = make.photoset();
        UUID red = make.image(set, "red.jpg", TestImages.solid(96, 64, new Color(220, 30, 30)), List.of());
        UUID green = make.image(set, "green.jpg", TestImages.solid(96, 64, new Color(30, 200, 40)), List.of());
        UUID blue = make.image(set, "blue.jpg", TestImages.solid(96, 64, new Color(30, 40, 220)), List.of());
        // uploads are embedded after they are stored, on a thread of their own
        for (UUID id : List.of(red, green, blue)) {
            waitFor(Duration.ofSeconds(30), d -> app.api.get("/api/v2/images/" + id + "/similar?by=embeddings").status() == 200);
        }
        return new Colours(set, red, green, blue);
    }

    private List<String> results() {
        return all(".cell").stream().sorted(java.util.Comparator.comparingInt(c -> Integer.parseInt(c.getDomAttribute("data-index"))))
                .map(c -> c.getDomAttribute("data-id")).toList();
    }

    @Test
    void semanticAndHybridSearchAndSearchByImageRankTheMatchingPictureFirst() throws Exception {
        Colours c = upload();
        open("/search?q=something%20red&photoset_id=" + c.set());
        // with embeddings computed the server searches both ways unless told otherwise; the switch says so
        waitFor(d -> "Hybrid".equals(find(".mode-switch button[aria-pressed=true]").getText()));
        waitFor(d -> results().size() == 3);
        assertThat(results().getFirst()).isEqualTo(c.red().toString());

        find(".mode-switch button[data-mode=semantic]").click();
        waitFor(d -> d.getCurrentUrl().contains("mode=semantic"));
        waitFor(d -> results().size() == 3 && results().getFirst().equals(c.red().toString()));
        screenshot("semantic");

        // a picked picture finds the one of its colour first, and is not stored
        Path file = Files.createTempFile("query", ".jpg");
        try {
            Files.write(file, TestImages.solid(40, 40, new Color(20, 40, 230)));
            find("#search-file").sendKeys(file.toAbsolutePath().toString());
            waitForText("[data-test=search-like]", "Images that look like");
            waitFor(d -> results().size() == 3 && results().getFirst().equals(c.blue().toString()));
            screenshot("by-image");
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(app.api.get("/api/v2/photosets/" + c.set() + "/images").json().get("items")).hasSize(3);
    }

    @Test
    void theViewerComparesByMeaningWhenEmbeddingsAreThere() {
        Colours c = upload();
        open("/photosets/" + c.set() + "?image=" + c.red());
        WebElement byMeaning = find(".similar-by button[data-by=embeddings]");
        byMeaning.click();
        waitFor(d -> "true".equals(byMeaning.getDomAttribute("aria-pressed")));
        WebElement similar = find("dialog.viewer [data-test=similar]");
        // (the other test's pictures live in this app too)
        waitFor(d -> similar.findElements(By.cssSelector(".similar-item")).stream().map(b -> b.getDomAttribute("data-id"))
                .toList().containsAll(List.of(c.green().toString(), c.blue().toString())));
        assertThat(similar.findElements(By.cssSelector(".similar-item")).stream().map(b -> b.getDomAttribute("data-id")))
                .doesNotContain(c.red().toString());
        assertThat(similar.getText()).contains("similarity");
        similar.findElement(By.cssSelector(".similar-item[data-id='" + c.blue() + "']")).click();
        waitForText(".viewer-name", "blue.jpg");
        waitFor(d -> d.getCurrentUrl().contains("image=" + c.blue()));
    }
}
