package org.gallery.migration.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gallery.GalleryCli;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ExtractCommandTest extends ExtractionTestSupport {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void isRegisteredAsGalleryMigrateExtract() {
        var gallery = GalleryCli.commandLine();
        CommandLine migrate = gallery.getSubcommands().get("migrate");

        assertThat(migrate).isNotNull();
        assertThat(migrate.getSubcommands()).containsKey("extract");
        assertThat(migrate.getSubcommands().get("extract").getCommandSpec().findOption("--archives")).isNotNull();
        assertThat(migrate.getSubcommands().get("extract").getCommandSpec().findOption("--json")).isNotNull();
    }

    @Test
    void extractsFromTheDefaultArchivesFolderAndPrintsASummary() {
        new ZipBuilder().add("a/one.jpg", TestImages.jpeg(1)).add("notes.txt", TestImages.text("x"))
                .writeTo(root.resolve("data/archives/First.zip"));

        int exit = run(settings(), false);

        assertThat(exit).isZero();
        assertThat(root.resolve("data/images/First/one.jpg")).exists();
        assertThat(out.toString())
                .contains("[1/1] First.zip: reading")
                .contains("[1/1] First.zip: done -> First/ (1 new images, 0 already present, skipped: not_image 1)")
                .contains("archives:        1 processed, 0 failed")
                .contains("images written:  1");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonSummaryGoesToStandardOutputAndProgressToStandardError() throws IOException {
        new ZipBuilder().add("one.jpg", TestImages.jpeg(2)).add("../evil.jpg", TestImages.jpeg(3))
                .writeTo(archive("Second.zip"));

        int exit = run(settings(), false, "--archives", archives().toString(), "--json");

        assertThat(exit).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(out.toString());
        assertThat(json.get("archives_processed").asInt()).isEqualTo(1);
        assertThat(json.get("images_written").asInt()).isEqualTo(1);
        assertThat(json.get("skipped").get("unsafe_path").asInt()).isEqualTo(1);
        assertThat(json.get("archives").get(0).get("status").asString()).isEqualTo("extracted");
        assertThat(json.get("archives").get(0).get("warnings").get(0).asString()).contains("traversal");
        assertThat(json.get("failed").size()).isZero();
        assertThat(err.toString()).contains("Second.zip").contains("warning").contains("traversal");
        assertThat(Files.list(root.resolve("data/images/Second")).map(Path::getFileName).map(Path::toString))
                .contains("one.jpg");
    }

    @Test
    void exitsWithOneWhenAnArchiveFailedAndGoesOnWithTheOthers() throws IOException {
        Files.createDirectories(archives());
        Files.writeString(archive("Broken.zip"), "not a zip");
        new ZipBuilder().add("fine.png", TestImages.png(4)).writeTo(archive("Fine.zip"));

        int exit = run(settings(), false, "--archives", archives().toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("Failed archives:").contains("Broken.zip: not a ZIP archive")
                .contains("2 processed, 1 failed");
        assertThat(root.resolve("data/images/Fine/fine.png")).exists();
    }

    @Test
    void missingArchivesFolderIsAClearError() {
        int exit = run(settings(), false, "--archives", root.resolve("nowhere").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("archives folder").contains("does not exist");
    }

    @Test
    void terminalProgressDrawsWithoutFailing() {
        new ZipBuilder().add("one.jpg", TestImages.jpeg(5)).writeTo(archive("Third.zip"));

        int exit = run(settings(), true, "--archives", archives().toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("[1/1] Third.zip: done");
    }

    private Settings settings() {
        return SettingsLoader.load(Map.of("STORAGE_ROOT", root.resolve("data").toString()), root);
    }

    private int run(Settings settings, boolean interactive, String... args) {
        var command = new CommandLine(new ExtractCommand(() -> settings, ExternalTools.none(), interactive));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }
}
