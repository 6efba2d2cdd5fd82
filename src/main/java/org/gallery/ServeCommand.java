package org.gallery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gallery.config.SettingsLoader;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the HTTP service (port API_PORT, default 8002).")
class ServeCommand implements Callable<Integer> {

    /**
     * The launcher's training run after a build: start, answer a few requests, stop. The JVM records the classes
     * it loaded and the methods it ran into an ahead-of-time cache that later starts read instead of redoing.
     */
    @Option(names = "--training-run", hidden = true)
    boolean trainingRun;

    @Override
    public Integer call() throws Exception {
        var settings = SettingsLoader.fromEnvironment();
        CountDownLatch closed = new CountDownLatch(1);
        var context = GalleryApplication.start(settings);
        if (trainingRun) {
            return train(context);
        }
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (context.isActive()) {
            closed.await();
        }
        return 0;
    }

    private static int train(ConfigurableApplicationContext context) throws Exception {
        try (context; HttpClient client = HttpClient.newHttpClient()) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            int failed = 0;
            for (String path : new String[] {"/api/v2/health", "/api/v2/images", "/api/v2/tags", "/nothing-here"}) {
                var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                failed += status >= 500 ? 1 : 0;
            }
            return failed == 0 ? 0 : 1;
        }
    }
}
