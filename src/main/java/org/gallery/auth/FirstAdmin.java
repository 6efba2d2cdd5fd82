package org.gallery.auth;

import org.gallery.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;

/**
 * The first start of the service on an empty database makes the {@code admin} account and prints, once, how to
 * sign in: nothing to configure before the first use, and nothing open meanwhile. The password goes to the
 * terminal only, never to the log.
 */
@Component
class FirstAdmin implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final UserService users;
    private final Settings settings;
    private final ApplicationContext context;
    /** The password made for the account created at this start, to print once the port is known. */
    private volatile String created;

    FirstAdmin(UserService users, Settings settings, ApplicationContext context) {
        this.users = users;
        this.settings = settings;
        this.context = context;
    }

    /** Before the server takes requests, so that nobody can sign in (or fail to) before the account exists. */
    @Override
    public void afterSingletonsInstantiated() {
        if (!(context instanceof WebServerApplicationContext) || !settings.auth().required() || users.count() > 0) {
            return;
        }
        String given = settings.auth().adminPassword();
        String password = given == null ? Secrets.randomPassword() : given;
        try {
            users.add("admin", Role.ADMIN, password);
        } catch (org.gallery.web.ApiException anotherInstanceWasFirst) {
            return;
        }
        log.info("Created the first account, admin");
        created = password;
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
        String password = created;
        if (password == null) {
            return;
        }
        created = null;
        boolean given = settings.auth().adminPassword() != null;
        String host = settings.apiHost().equals("0.0.0.0") || settings.apiHost().equals("::") ? "localhost" : settings.apiHost();
        int port = web.getWebServer().getPort();
        System.out.println();
        System.out.println(given
                ? "Sign in at http://" + host + ":" + port + "/ as admin with the password from GALLERY_ADMIN_PASSWORD"
                : "Sign in at http://" + host + ":" + port + "/ as admin with password " + password);
        System.out.println("(shown once; to choose another: ./gallery users reset-password admin --password-stdin)");
        System.out.println();
        System.out.flush();
    }
}
