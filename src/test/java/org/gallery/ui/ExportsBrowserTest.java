package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipFile;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/** The Exports screen: an export started through the API shows its progress, then a download link and its expiry. */
class ExportsBrowserTest extends BrowserTest {

    @TempDir
    Path downloads;

    @Test
    void aFinishedExportIsDownloadedFromThePage() throws Exception {
        UUID set = make.photoset();
        make.image(set, "e_one.jpg", TestImages.jpeg(120, 80), List.of());
        make.image(set, "e_two.jpg", TestImages.jpeg(80, 120), List.of());
        var made = app.api.post("/api/v2/exports", Map.of("photoset_id", set.toString()));
        assertThat(made.status()).as("%s", made).isEqualTo(202);
        UUID export = made.id();

        open("/exports");
        String item = "li.export[data-id='" + export + "']";
        waitFor(Duration.ofSeconds(30), d -> "succeeded".equals(find(item).getDomAttribute("data-status")));
        WebElement row = find(item);
        assertThat(row.getText()).contains("2/2 images").contains("a photoset");
        WebElement link = find(item + " [data-test=download]");
        assertThat(link.getDomAttribute("href")).isEqualTo("/api/v2/exports/" + export + "/download");
        assertThat(find(item + " [data-test=expiry]").getText()).startsWith("expires in");
        screenshot("exports");

        // a click downloads the ZIP into the browser's download folder
        browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString(), "eventsEnabled", true));
        link.click();
        Path zip = waitFor(Duration.ofSeconds(20), d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(f -> f.toString().endsWith(".zip")).findFirst().orElse(null);
            } catch (java.io.IOException e) {
                return null;
            }
        });
        try (ZipFile file = new ZipFile(zip.toFile())) {
            assertThat(file.stream().map(e -> e.getName()).toList())
                    .anySatisfy(n -> assertThat(n).endsWith("e_one.jpg")).anySatisfy(n -> assertThat(n).endsWith("e_two.jpg"));
        }

        // deleting it removes it from the list and from the server
        row.findElement(org.openqa.selenium.By.xpath(".//button[text()='Delete']")).click();
        waitFor(d -> all(item).isEmpty());
        assertThat(app.api.get("/api/v2/exports/" + export).status()).isEqualTo(404);
    }
}
