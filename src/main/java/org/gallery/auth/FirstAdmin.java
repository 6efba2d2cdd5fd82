package org.gallery.auth;

import org.gallery.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The first start of the service on an empty database makes the {@code admin} account and prints, once, how to
 * sign in: nothing to configure before the first use, and nothing open meanwhile. The password goes to the
 * terminal only, never to the log.
 */
@Component
class FirstAdmin {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final UserService users;
    private final Settings settings;

    FirstAdmin(UserService users, Settings settings) {
        this.users = users;
        this.settings = settings;
    }

    @EventListener
    void on(ApplicationReadyEvent ready) {
        if (!(ready.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        if (!settings.auth().required()) {
            log.warn("AUTH=off: every request acts as an admin without signing in; this server only listens on {}",
                    settings.apiHost());
            return;
        }
        if (users.count() > 0) {
            return;
        }
        String given = settings.auth().adminPassword();
        String password = given == null ? Secrets.randomPassword() : given;
        try {
            users.add("admin", Role.ADMIN, password);
        } catch (ResponseStatusException | org.gallery.web.ApiException anotherInstanceWasFirst) {
            return;
        }
        String host = settings.apiHost().equals("0.0.0.0") || settings.apiHost().equals("::") ? "localhost" : settings.apiHost();
        int port = web.getWebServer().getPort();
        log.info("Created the first account, admin");
        System.out.println();
        System.out.println(given == null
                ? "Sign in at http://" + host + ":" + port + "/ as admin with password " + password
                : "Sign in at http://" + host + ":" + port + "/ as admin with the password from GALLERY_ADMIN_PASSWORD");
        System.out.println("(shown once; to choose another: ./gallery users reset-password admin --password-stdin)");
        System.out.println();
        System.out.flush();
    }
}
