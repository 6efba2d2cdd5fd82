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
 * {@code gallery.test.imaging-delay-millis} and is counted: lets a test watch a job part way. Added to an app with
 * {@code --spring.main.sources=org.gallery.testing.SlowImaging}; deliberately not a component, so only the apps
 * that ask for it get it.
 */
public class SlowImaging implements BeanPostProcessor, EnvironmentAware {

    public static final String SOURCE = "--spring.main.sources=" + SlowImaging.class.getName();

    private final AtomicInteger renders = new AtomicInteger();
    private long delayMillis;

    public static String delay(long millis) {
        return "--gallery.test.imaging-delay-millis=" + millis;
    }

    @Override
    public void setEnvironment(Environment environment) {
        delayMillis = environment.getProperty("gallery.test.imaging-delay-millis", Long.class, 0L);
    }

    /** How many renders ran in this app. */
    public int renders() {
        return renders.get();
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
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
