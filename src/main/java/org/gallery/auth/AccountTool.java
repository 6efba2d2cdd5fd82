package org.gallery.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.gallery.GalleryApplication;
import org.gallery.config.SettingsLoader;
import org.gallery.shared.Actor;
import org.gallery.web.ApiException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * What the {@code users} and {@code tokens} commands share: they work on the configured database directly, with no
 * server running and no credentials, as the actor {@code cli}. A test hands in its own context and standard input.
 */
abstract class AccountTool implements Callable<Integer> {

    /** Where a command's services come from, and whether the command closes them when done. */
    record Services(Supplier<ConfigurableApplicationContext> context, boolean owned, InputStream stdin) {
        static Services ofEnvironment() {
            return new Services(() -> GalleryApplication.startWithoutWeb(SettingsLoader.fromEnvironment()), true, System.in);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Group parent;

    Services services() {
        return parent.services;
    }

    /** {@code gallery users} and {@code gallery tokens}: where their verbs get their services. */
    abstract static class Group implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        final Services services;

        Group(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 0;
        }
    }

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Services services = services();
        ConfigurableApplicationContext context = services.context().get();
        try {
            return Actor.CLI.call(() -> {
                try {
                    return run(context, out, err);
                } catch (ApiException refused) {
                    err.println("gallery " + spec.parent().name() + " " + spec.name() + ": " + refused.getMessage());
                    return 1;
                }
            });
        } finally {
            out.flush();
            err.flush();
            if (services.owned()) {
                context.close();
            }
        }
    }

    abstract int run(ConfigurableApplicationContext context, PrintWriter out, PrintWriter err);

    /** One line from standard input, without its line end: a password given by a script, never on the command line. */
    String readSecret() {
        try {
            String line = new BufferedReader(new InputStreamReader(services().stdin(), StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw ApiException.badRequest("--password-stdin: standard input held no password");
            }
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        } catch (IOException e) {
            throw ApiException.badRequest("--password-stdin: " + e.getMessage());
        }
    }

    static void audit(ConfigurableApplicationContext context, String kind, String target) {
        context.getBean(AuditLog.class).record(Actor.CLI, kind, null, null, target, null);
    }
}
