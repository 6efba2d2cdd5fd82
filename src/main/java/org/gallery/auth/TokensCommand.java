package org.gallery.auth;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gallery.web.ApiException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gallery tokens ...}: API tokens, made and revoked on the database directly. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "API tokens: create, list, revoke (on the configured database).",
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
public class TokensCommand extends AccountTool.Group {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,5})([dh])");

    public TokensCommand() {
        this(AccountTool.Services.ofEnvironment());
    }

    TokensCommand(AccountTool.Services services) {
        super(services);
    }

    @Command(name = "create", description = "Create a token for a user and print only the token, so scripts can capture it.")
    static class Create extends AccountTool {
        @Option(names = "--user", required = true, description = "the account the token acts for")
        String user;

        @Option(names = "--scope", defaultValue = "read", description = "read, write or admin, at most the user's role (default: read)")
        String scope;

        @Option(names = "--name", required = true, description = "what the token is for, e.g. ci")
        String name;

        @Option(names = "--expires", description = "lifetime such as 90d or 12h (default: never)")
        String expires;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out, PrintWriter err) {
            User owner = context.getBean(UserService.class).byName(user);
            Instant until = expires == null ? null : Instant.now().plus(lifetime(expires));
            var created = context.getBean(TokenService.class).create(owner.id(), Role.ADMIN, name, scope, until);
            audit(context, "cli:tokens.create", created.info().id().toString());
            out.println(created.token());
            return 0;
        }
    }

    @Command(name = "list", description = "List tokens (never their secrets).")
    static class ListTokens extends AccountTool {
        @Option(names = "--user", description = "only this user's")
        String user;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out, PrintWriter err) {
            UUID owner = user == null ? null : context.getBean(UserService.class).byName(user).id();
            out.printf("%-36s %-16s %-6s %-16s %-10s %-10s %s%n", "ID", "USER", "SCOPE", "NAME", "PREFIX", "EXPIRES", "LAST USED");
            for (ApiToken t : context.getBean(TokenService.class).list(owner)) {
                out.printf("%-36s %-16s %-6s %-16s %-10s %-10s %s%n", t.id(), t.userName(), t.scope(), t.name(), t.prefix(),
                        t.expiresAt() == null ? "never" : t.expiresAt().toString().substring(0, 10),
                        t.lastUsedAt() == null ? "never" : t.lastUsedAt().toString().substring(0, 19).replace('T', ' '));
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a token by its id.")
    static class Revoke extends AccountTool {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(ConfigurableApplicationContext context, PrintWriter out, PrintWriter err) {
            UUID tokenId;
            try {
                tokenId = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'" + id + "' is not a token id (see gallery tokens list)");
            }
            context.getBean(TokenService.class).revoke(tokenId);
            audit(context, "cli:tokens.revoke", id);
            out.println("Revoked " + id);
            return 0;
        }
    }

    static Duration lifetime(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw ApiException.badRequest("--expires: '" + text + "' is not a lifetime such as 90d or 12h");
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n);
    }
}
