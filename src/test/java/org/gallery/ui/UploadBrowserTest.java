package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.gallery.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/** Uploads from the page: picked and dropped files, progress, the server's refusals listed, the grid growing. */
class UploadBrowserTest extends BrowserTest {

    private static TestApp smallUploads;

    @TempDir
    Path files;

    @AfterAll
    static void stopSmallUploads() {
        if (smallUploads != null) {
            smallUploads.close();
        }
    }

    @Test
    void pickedFilesLandInTheGridAndRefusalsKeepTheServersReason() throws IOException {
        // a server that takes at most 1 MB, so a too-large file is quick to make
        if (smallUploads == null) {
            smallUploads = TestApp.startWith(Db.SQLITE, Map.of("MAX_UPLOAD_MB", "1"));
        }
        app = smallUploads;
        make = new Factories(app.api);
        signIn(app, "admin", TestApp.ADMIN_PASSWORD);
        UUID set = make.photoset();
        byte[] duplicate = TestImages.jpeg(300, 200);
        make.image(set, "already.jpg", duplicate, List.of());

        Path good1 = write("good1.jpg", TestImages.jpeg(400, 300));
        Path good2 = write("good2.png", TestImages.png(200, 300));
        Path again = write("again.jpg", duplicate);
        Path text = write("notes.jpg", "just some text, not an image".getBytes());
        Path huge = write("huge.bmp", new byte[1_200_000]);
        expectConsoleError("status of 409");
        expectConsoleError("status of 415");
        expectConsoleError("status of 413");

        open("/photosets/" + set);
        waitFor(d -> all(".cell").size() == 1);
        find("#img-upload").sendKeys(String.join("\n", List.of(good1, good2, again, text, huge).stream().map(Path::toString).toList()));
        waitFor(d -> all(".upload-item.done, .upload-item.failed").size() == 5);
        screenshot("uploads");

        assertThat(find(".upload-summary").getText()).isEqualTo("2 files uploaded, 3 refused");
        assertThat(statusOf("good1.jpg")).isEqualTo("Uploaded");
        assertThat(statusOf("again.jpg")).startsWith("409: ").contains("already");
        assertThat(statusOf("notes.jpg")).startsWith("415: ");
        assertThat(statusOf("huge.bmp")).startsWith("413: ");
        assertThat(((Number) js("return document.querySelector('.upload-overall').value")).doubleValue()).isEqualTo(1.0);
        // the grid shows the new images without a reload
        waitFor(d -> all(".cell").size() == 3);
        assertThat(find("[data-test=image-count]").getText()).isEqualTo("3 images");
        assertThat(app.api.get("/api/v2/photosets/" + set).json().get("image_count").asInt()).isEqualTo(3);

        button("Clear finished").click();
        assertThat(all(".upload-panel")).isEmpty();
    }

    @Test
    void filesDroppedOnAPhotosetCardGoIntoThatPhotoset() {
        UUID set = make.photoset();
        String name = app.api.get("/api/v2/photosets/" + set).json().get("name").asString();
        open("/library?q=" + name.replace(" ", "%20"));
        WebElement card = find(".card[data-id='" + set + "']");
        assertThat(card.getText()).contains("0 images");
        // a drop as the browser delivers it: a DataTransfer holding File objects
        js("""
                const [card, names] = arguments;
                const dt = new DataTransfer();
                for (const name of names) {
                  const canvas = document.createElement('canvas');
                  canvas.width = 64; canvas.height = 48;
                  const g = canvas.getContext('2d');
                  g.fillStyle = '#' + Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, '0');
                  g.fillRect(0, 0, 64, 48);
                  const bytes = atob(canvas.toDataURL('image/png').split(',')[1]);
                  const data = Uint8Array.from(bytes, (c) => c.charCodeAt(0));
                  dt.items.add(new File([data], name, { type: 'image/png' }));
                }
                card.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
                card.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
                """, card, List.of("dropped1.png", "dropped2.png"));
        waitFor(d -> all(".upload-item.done").size() == 2);
        assertThat(find(".upload-list").getText()).contains("→ " + name);
        waitFor(d -> find(".card[data-id='" + set + "']").getText().contains("2 images"));
        screenshot("dropped");
        assertThat(app.api.get("/api/v2/photosets/" + set + "/images").json().get("items").size()).isEqualTo(2);
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(files.resolve(name), content);
    }

    private String statusOf(String fileName) {
        return all(".upload-item").stream().filter(i -> i.getText().contains(fileName)).findFirst().orElseThrow()
                .findElement(org.openqa.selenium.By.cssSelector(".upload-status")).getText();
    }
}
