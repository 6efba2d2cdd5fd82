package org.gallery;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gallery.config.SettingsLoader;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the HTTP service (port API_PORT, default 8002).")
class ServeCommand implements Callable<Integer> {

    /** The launcher's training run after a build ({@link TrainingRun}). */
    @Option(names = "--training-run", hidden = true)
    boolean trainingRun;

    @Override
    public Integer call() throws Exception {
        var settings = SettingsLoader.fromEnvironment();
        CountDownLatch closed = new CountDownLatch(1);
        var context = GalleryApplication.start(settings);
        if (trainingRun) {
            return TrainingRun.run(context);
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
}
