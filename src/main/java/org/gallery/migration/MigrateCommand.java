package org.gallery.migration;

import java.util.concurrent.Callable;
import org.gallery.migration.bootstrap.BootstrapCommand;
import org.gallery.migration.extract.ExtractCommand;
import org.gallery.migration.importer.ImportCommand;
import org.gallery.migration.storage.StorageCommand;
import org.gallery.migration.thumbnails.ThumbnailsCommand;
import org.gallery.migration.verify.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gallery migrate ...}: the steps that bring an old file-based collection into Gallery. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Migration toolkit: bring archives and metadata of the old system into Gallery.",
        subcommands = {ExtractCommand.class, ImportCommand.class, ThumbnailsCommand.class, VerifyCommand.class, BootstrapCommand.class,
            StorageCommand.class})
public class MigrateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
