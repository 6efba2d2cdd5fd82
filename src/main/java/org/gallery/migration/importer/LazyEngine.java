package org.gallery.migration.importer;

/** The imaging engine chosen by IMAGE_ENGINE, selected on first use. */
final class LazyEngine implements java.util.function.Supplier<org.gallery.imaging.ImagingEngine> {
    private final String setting;
    private org.gallery.imaging.ImagingEngine engine;

    LazyEngine(String setting) {
        this.setting = setting;
    }

    @Override
    public synchronized org.gallery.imaging.ImagingEngine get() {
        if (engine == null) {
            engine = org.gallery.imaging.ImagingEngines.select(setting);
        }
        return engine;
    }
}
