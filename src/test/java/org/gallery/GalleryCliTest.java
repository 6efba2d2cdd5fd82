package org.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GalleryCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = GalleryCli.commandLine(args);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("serve", "db", "migrate", "users", "tokens", "help");
    }

    @Test
    void helpOfACommandShowsThatCommandsOptions() {
        assertThat(run("help", "migrate")).isZero();

        assertThat(out.toString()).contains("extract", "import", "bootstrap");
    }

    @Test
    void aNamedCommandGetsOnlyItself() {
        assertThat(GalleryCli.commandLine("db", "current").getSubcommands()).containsOnlyKeys("db");
        assertThat(GalleryCli.commandLine("db", "current").getSubcommands().get("db").getSubcommands())
                .containsKey("current");
    }

    @Test
    void aMistypedCommandIsRefusedWithTheNearestName() {
        assertThat(run("serv")).isEqualTo(2);

        assertThat(err.toString()).contains("serv").contains("serve");
    }
}
