package org.gallery.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.gallery.imaging.ImagingEngine;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Wraps the imaging engine so that each render (crop or resize) takes at least
 * {@code gallery.test.imaging-delay-millis} and is counted: lets a test watch a job part way. Thumbnail runs take at
 * least {@link #delayThumbnails}, and the most of them at once is kept. Added to an app with
 * {@code --spring.main.sources=org.gallery.testing.SlowImaging}; deliberately not a component, so only the apps
 * that ask for it get it.
 */
public class SlowImaging implements BeanPostProcessor, EnvironmentAware {

    public static final String SOURCE = "--spring.main.sources=" + SlowImaging.class.getName();

    private final AtomicInteger renders = new AtomicInteger();
    private final AtomicInteger thumbnailing = new AtomicInteger();
    private final AtomicInteger mostThumbnailingAtOnce = new AtomicInteger();
    private long delayMillis;
    private volatile long thumbnailDelayMillis;

    public static String delay(long millis) {
        return "--gallery.test.imaging-delay-millis=" + millis;
    }

    /** From now on each thumbnail run (all sizes of one image) takes at least this long. */
    public void delayThumbnails(long millis) {
        thumbnailDelayMillis = millis;
    }

    @Override
    public void setEnvironment(Environment environment) {
        delayMillis = environment.getProperty("gallery.test.imaging-delay-millis", Long.class, 0L);
    }

    /** How many renders ran in this app. */
    public int renders() {
        return renders.get();
    }

    /** The most thumbnail runs (all sizes of one image) that were at work at the same time; resets the count. */
    public int takeMostThumbnailingAtOnce() {
        return mostThumbnailingAtOnce.getAndSet(0);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof ImagingEngine engine)) {
            return bean;
        }
        return Proxy.newProxyInstance(ImagingEngine.class.getClassLoader(), new Class<?>[] {ImagingEngine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("render")) {
                        renders.incrementAndGet();
                        Thread.sleep(delayMillis);
                    }
                    boolean thumbnails = method.getName().equals("thumbnails");
                    if (thumbnails) {
                        mostThumbnailingAtOnce.accumulateAndGet(thumbnailing.incrementAndGet(), Math::max);
                        Thread.sleep(thumbnailDelayMillis);
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (thumbnails) {
                            thumbnailing.decrementAndGet();
                        }
                    }
                });
    }
}
