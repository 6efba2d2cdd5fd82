package org.gallery.auth;

import java.io.PrintWriter;
import org.gallery.web.ApiException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gallery users ...}: accounts, managed on the database directly (no server, no sign-in). */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Accounts: add, list, set-role, reset-password, disable, enable (on the configured database).",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.SetRole.class,
                UsersCommand.ResetPassword.class, UsersCommand.Disable.class, UsersCommand.Enable.class})
public class UsersCommand extends AccountTool.Group {

    public UsersCommand() {
        this(AccountTool.Services.ofEnvironment());
    }

    UsersCommand(AccountTool.Services services) {
        super(services);
    }

    abstract static class Verb extends AccountTool {
        static Role role(String id) {
            return Role.parse(id).orElseThrow(() -> ApiException.badRequest("'" + id + "' is not a role: viewer, editor or admin"));
        }
    }

    @Command(name = "add", description = "Create an account; prints a generated password once, or reads one with --password-stdin.")
    static class Add extends Verb {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--role", defaultValue = "viewer", description = "viewer, editor or admin (default: viewer)")
        String role;

        @Option(names = "--password-stdin", description = "Read the password from standard input instead of generating one.")
        boolean passwordStdin;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out, PrintWriter err) {
            Role r = role(role);
            String password = passwordStdin ? readSecret() : Secrets.randomPassword();
            User user = context.getBean(UserService.class).add(name, r, password);
            audit(context, "cli:users.add", user.id().toString());
            out.println(passwordStdin ? "Created " + user.name() + " (" + user.role() + ")"
                    : "Created " + user.name() + " (" + user.role() + ") with password " + password);
            return 0;
        }
    }

    @Command(name = "list", description = "List the accounts.")
    static class ListUsers extends Verb {
        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out, PrintWriter err) {
            out.printf("%-24s %-7s %-9s %-20s %s%n", "NAME", "ROLE", "STATE", "LAST SIGN-IN", "ID");
            for (User u : context.getBean(UserService.class).list()) {
                out.printf("%-24s %-7s %-9s %-20s %s%n", u.name(), u.role(), u.disabled() ? "disabled" : "enabled",
                        u.lastLoginAt() == null ? "never" : u.lastLoginAt().toString().substring(0, 19).replace('T', ' '),
                        u.id());
            }
            return 0;
        }
    }

    @Command(name = "set-role", description = "Change an account's role.")
    static class SetRole extends Verb {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "ROLE")
        String role;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out, PrintWriter err) {
            UserService users = context.getBean(UserService.class);
            User user = users.setRole(users.byName(name).id(), role(role));
            audit(context, "cli:users.set-role", user.id().toString());
            out.println(user.name() + " is now " + user.role());
            return 0;
        }
    }

    @Command(name = "reset-password", description = "Give an account a new password (generated and printed once, or from --password-stdin); signs it out everywhere.")
    static class ResetPassword extends Verb {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--password-stdin", description = "Read the new password from standard input.")
        boolean passwordStdin;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out, PrintWriter err) {
            UserService users = context.getBean(UserService.class);
            User user = users.byName(name);
            String password = passwordStdin ? readSecret() : Secrets.randomPassword();
            users.setPassword(user.id(), password);
            audit(context, "cli:users.reset-password", user.id().toString());
            out.println(passwordStdin ? "New password set for " + user.name()
                    : "New password for " + user.name() + ": " + password);
            return 0;
        }
    }

    @Command(name = "disable", description = "Disable an account: it cannot sign in, and its sessions and tokens stop working.")
    static class Disable extends Verb {
        @Parameters(paramLabel = "NAME")
        String name;

        boolean disabled() {
            return true;
        }

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out, PrintWriter err) {
            UserService users = context.getBean(UserService.class);
            User user = users.setDisabled(users.byName(name).id(), disabled());
            audit(context, "cli:users." + spec.name(), user.id().toString());
            out.println(user.name() + " is " + (user.disabled() ? "disabled" : "enabled"));
            return 0;
        }
    }

    @Command(name = "enable", description = "Enable a disabled account again.")
    static class Enable extends Disable {
        @Override
        boolean disabled() {
            return false;
        }
    }
}
