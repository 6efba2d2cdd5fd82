package org.gallery;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gallery.config.SettingsLoader;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the HTTP service (port API_PORT, default 8002).")
class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        var settings = SettingsLoader.fromEnvironment();
        CountDownLatch closed = new CountDownLatch(1);
        var context = GalleryApplication.start(settings);
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
}
