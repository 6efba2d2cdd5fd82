package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The Jobs screen: jobs with their progress, and Retry on one that was cancelled. */
class JobsBrowserTest extends BrowserTest {

    @Test
    void jobsShowProgressAndACancelledOneCanBeRetried() {
        UUID set = make.photoset();
        make.image(set);
        make.image(set);
        var made = app.api.post("/api/v2/thumbnails/jobs", Map.of("photoset_id", set.toString(), "force", true));
        assertThat(made.status()).isEqualTo(202);
        UUID job = made.id();
        // cancel it through the API: on a quiet machine it may already be done, which is fine for what follows
        app.api.post("/api/v2/jobs/" + job + "/cancel", Map.of());
        String status = waitFor(d -> {
            String s = app.api.get("/api/v2/jobs/" + job).json().get("status").asString();
            return s.equals("cancelled") || s.equals("succeeded") ? s : null;
        });

        open("/jobs");
        WebElement row = find("tr[data-id='" + job + "']");
        assertThat(row.getText()).contains("thumbnails").contains(status);
        screenshot("jobs");
        if (status.equals("cancelled")) {
            row.findElement(By.xpath(".//button[text()='Retry']")).click();
            waitFor(d -> find("tr[data-id='" + job + "']").getDomAttribute("data-status").equals("succeeded"));
            assertThat(find("tr[data-id='" + job + "']").getText()).contains("2/2");
        } else {
            assertThat(row.getText()).contains("2/2");
            assertThat(row.findElements(By.tagName("button"))).isEmpty();
        }
    }

    @Test
    void aFailedJobShowsWhyEachItemFailedAndOffersRetry() throws Exception {
        UUID set = make.photoset();
        UUID image = make.image(set);
        // the original is gone from the disk, so no thumbnail can be made of it
        String relPath = app.sql().fetchValue("select rel_path from images where id = ?", image.toString()).toString();
        java.nio.file.Files.delete(app.imagesDir().resolve(relPath));
        var made = app.api.post("/api/v2/thumbnails/jobs", Map.of("photoset_id", set.toString(), "force", true));
        assertThat(made.status()).isEqualTo(202);
        UUID job = made.id();
        waitFor(java.time.Duration.ofSeconds(30),
                d -> app.api.get("/api/v2/jobs/" + job).json().get("status").asString().equals("failed"));
        var failed = app.api.get("/api/v2/jobs/" + job).json();
        assertThat(failed.get("failures")).as(failed.toString()).hasSize(1);
        String reason = failed.get("failures").get(0).get("reason").asString();

        open("/jobs");
        WebElement row = find("tr[data-id='" + job + "']");
        assertThat(row.getText()).contains("failed").contains("0/1, 1 failed");
        row.findElement(By.xpath(".//button[text()='Why failed?']")).click();
        waitFor(d -> find("tr[data-id='" + job + "'] [data-test=failures]").getText().contains(reason));
        assertThat(find("tr[data-id='" + job + "'] [data-test=failures]").getText()).contains(image.toString());
        assertThat(row.findElements(By.xpath(".//button[text()='Retry']"))).hasSize(1);
        screenshot("failed");
    }

    @Test
    void aJobThatSucceededWithSomeFailedItemsSaysSoInAmber() throws Exception {
        UUID set = make.photoset();
        make.image(set);
        UUID gone = make.image(set);
        String relPath = app.sql().fetchValue("select rel_path from images where id = ?", gone.toString()).toString();
        java.nio.file.Files.delete(app.imagesDir().resolve(relPath));
        var made = app.api.post("/api/v2/thumbnails/jobs", Map.of("photoset_id", set.toString(), "force", true));
        assertThat(made.status()).isEqualTo(202);
        UUID job = made.id();
        String status = waitFor(java.time.Duration.ofSeconds(30), d -> {
            String st = app.api.get("/api/v2/jobs/" + job).json().get("status").asString();
            return st.equals("queued") || st.equals("running") ? null : st;
        });
        assertThat(status).isEqualTo("succeeded");

        open("/jobs");
        WebElement row = find("tr[data-id='" + job + "']");
        assertThat(row.getText()).contains("succeeded with failures").contains("1/2, 1 failed");
        WebElement label = row.findElement(By.cssSelector(".status"));
        assertThat(label.getText()).isEqualTo("succeeded with failures");
        String amber = js("return getComputedStyle(document.documentElement).getPropertyValue('--warn').trim()");
        assertThat(amber).isEqualTo("#9a6700");
        assertThat(label.getCssValue("color")).isEqualTo("rgba(154, 103, 0, 1)");
        screenshot("partial");
    }
}
