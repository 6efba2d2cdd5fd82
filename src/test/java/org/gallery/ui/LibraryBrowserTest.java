package org.gallery.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gallery.testing.Factories;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The Library screen: photosets as cards, made, renamed and deleted through the page; search, filters, paging. */
class LibraryBrowserTest extends BrowserTest {

    @Test
    void createRenameAndDeleteAPhotosetThroughThePage() {
        String name = Factories.unique("Summer");
        open("/library");
        button("New photoset").click();
        find("dialog[open] input[name=name]").sendKeys(name);
        String beach = Factories.unique("beach");
        find("dialog[open] input[name=tags]").sendKeys(beach + ", sea");
        screenshot("create-dialog");
        button("Create").click();
        WebElement card = cardNamed(name);
        assertThat(card.getText()).contains("0 images").contains(beach).containsIgnoringCase("sea");

        // the same name again: the server's 409 is shown in the dialog, which stays open
        expectConsoleError("status of 409");
        button("New photoset").click();
        find("dialog[open] input[name=name]").sendKeys(name.toUpperCase());
        button("Create").click();
        assertThat(find("dialog[open] .error").getText()).contains("already exists");
        screenshot("duplicate-name");
        button("Cancel").click();
        waitFor(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());

        UUID id = UUID.fromString(card.getDomAttribute("data-id"));
        for (int i = 0; i < 3; i++) {
            make.image(id);
        }
        String renamed = name + " renamed";
        open("/library?q=" + name.replace(" ", "%20"));
        cardNamed(name).findElement(By.xpath(".//button[text()='Edit']")).click();
        WebElement field = find("dialog[open] input[name=name]");
        field.clear();
        field.sendKeys(renamed);
        button("Save").click();
        waitForText(".card-title", renamed);
        assertThat(app.api.get("/api/v2/photosets/" + id).json().get("name").asString()).isEqualTo(renamed);

        // the cover is the first image's thumbnail, really loaded
        WebElement cover = cardNamed(renamed).findElement(By.cssSelector("img.cover"));
        waitFor(d -> js("return arguments[0].complete && arguments[0].naturalWidth > 0", cover));
        assertThat(cardNamed(renamed).getText()).contains("3 images");

        cardNamed(renamed).findElement(By.xpath(".//button[text()='Delete']")).click();
        WebElement dialog = find("dialog[open]");
        assertThat(dialog.getText()).contains("3 images");
        screenshot("delete-confirmation");
        button("Delete 3 images").click();
        waitFor(d -> d.findElements(By.cssSelector(".card[data-id='" + id + "']")).isEmpty());
        assertThat(app.api.get("/api/v2/photosets/" + id).status()).isEqualTo(404);
    }

    @Test
    void searchYearFilterSortAndMorePagesAsTheListScrolls() {
        String prefix = Factories.unique("Paged").replace(" ", "-");
        for (int i = 0; i < 60; i++) {
            make.photoset(prefix + String.format(" %02d", i), Map.of("year", i < 5 ? 1987 : 2001, "tags", List.of("t" + prefix)));
        }
        open("/library");
        find("#lib-q").sendKeys(prefix);
        // one page of 48 first; scrolling to the end of the list asks for the next one by cursor
        waitFor(d -> cards().size() == 48 && cards().getLast().getText().contains(prefix + " 47"));
        waitFor(d -> {
            js("document.querySelector('main').scrollTo(0, 1e6)");
            return cards().size() == 60;
        });
        assertThat(find(".list-status").getText()).isEqualTo("60 photosets");
        assertThat(cards().getFirst().getText()).contains(prefix + " 00");

        find("#lib-year").sendKeys("1987\t");
        waitFor(d -> cards().size() == 5);
        assertThat(browser.getCurrentUrl()).contains("year=1987");

        find("#lib-year").sendKeys(org.openqa.selenium.Keys.BACK_SPACE.toString().repeat(4) + "\t");
        waitFor(d -> cards().size() == 48);
        new org.openqa.selenium.support.ui.Select(find("#lib-sort")).selectByVisibleText("Name Z–A");
        waitFor(d -> cards().size() >= 48 && cards().getFirst().getText().contains(prefix + " 59"));
        screenshot("sorted");

        // a filter nobody matches says so
        find("#lib-tag").sendKeys("no such tag\t");
        waitForText(".list-status", "No photosets match.");
    }

    private List<WebElement> cards() {
        return all(".card");
    }

    private WebElement cardNamed(String name) {
        return waitFor(d -> d.findElements(By.cssSelector(".card")).stream()
                .filter(c -> c.findElement(By.cssSelector(".card-title")).getText().equals(name)).findFirst().orElse(null));
    }
}
