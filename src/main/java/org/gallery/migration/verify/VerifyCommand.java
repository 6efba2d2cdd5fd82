package org.gallery.migration.verify;

import java.io.PrintWriter;
import java.util.function.Supplier;
import org.gallery.config.Settings;
import org.gallery.config.SettingsLoader;
import org.gallery.migration.MigrationCommand;
import org.gallery.migration.MigrationServices;
import org.gallery.migration.StepProgress;
import org.gallery.migration.SummaryJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gallery migrate verify}: does the database agree with the disk? */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Check that the database and the disk agree: counts, every image's file, files no image knows, photoset "
                    + "folders and image counts, thumbnail coverage. Changes nothing.",
            "Exit code 0 when they agree, 1 when they do not."})
public class VerifyCommand extends MigrationCommand {

    @Option(names = "--deep", description = "Also read every file and compare its SHA-256 with the recorded one.")
    boolean deep;

    private final MigrationServices.Opener opener;

    public VerifyCommand() {
        this(SettingsLoader::fromEnvironment, MigrationServices.Opener.DEFAULT, isTerminal());
    }

    public VerifyCommand(Supplier<Settings> settings, MigrationServices.Opener opener, boolean interactive) {
        super(settings, interactive);
        this.opener = opener;
    }

    @Override
    protected int run(Settings loaded, PrintWriter out, PrintWriter err) {
        VerifyReport report;
        try (MigrationServices services = opener.open(loaded, false);
             StepProgress progress = StepProgress.to(json ? err : out, interactive)) {
            report = new Verifier(services).verify(deep, progress);
        } catch (Exception e) {
            if (e instanceof RuntimeException unchecked && settingAtFault(e) != null) {
                throw unchecked;   // told in one line naming the setting
            }
            err.println("gallery migrate verify: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            err.flush();
            return 1;
        }
        if (json) {
            out.println(SummaryJson.write(report));
        } else {
            VerifyText.print(report, out);
        }
        out.flush();
        return report.ok() ? 0 : 1;
    }
}
