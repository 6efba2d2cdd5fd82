package org.gallery.migration;

import org.gallery.GalleryApplication;
import org.gallery.config.Settings;
import org.gallery.image.ImageRegistry;
import org.gallery.image.ImageService;
import org.gallery.migration.journal.MigrationJournal;
import org.gallery.photoset.PhotosetService;
import org.gallery.storage.FileStore;
import org.gallery.storage.FileStores;
import org.gallery.tag.TagService;
import org.jooq.DSLContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Gallery services a migration step works through, from an application context without the web server. Closing
 * it closes the context, unless it was lent by the caller (tests share one between runs).
 */
public final class MigrationServices implements AutoCloseable {

    /** How a command gets its services; tests hand in their own. */
    @FunctionalInterface
    public interface Opener {
        MigrationServices open(Settings settings, boolean readOnly);

        Opener DEFAULT = (settings, readOnly) -> {
            // the store is checked before the services start, so that a bucket that cannot be reached is told in one
            // line naming the setting rather than as a failed start-up
            FileStores.close(FileStores.open(settings.storage(), settings.storage().backend()));
            return new MigrationServices(settings,
                    readOnly ? GalleryApplication.startReadOnly(settings) : GalleryApplication.startWithoutWeb(settings),
                    readOnly, true);
        };
    }

    private final Settings settings;
    private final ConfigurableApplicationContext context;
    private final boolean readOnly;
    private final boolean owned;

    private MigrationServices(Settings settings, ConfigurableApplicationContext context, boolean readOnly, boolean owned) {
        this.settings = settings;
        this.context = context;
        this.readOnly = readOnly;
        this.owned = owned;
    }

    /** Services over a context the caller keeps running and closes itself. */
    public static MigrationServices lent(Settings settings, ConfigurableApplicationContext context, boolean readOnly) {
        return new MigrationServices(settings, context, readOnly, false);
    }

    public Settings settings() {
        return settings;
    }

    /** PostgreSQL (several writers at once) rather than SQLite (one writer at a time). */
    public boolean postgres() {
        return settings.database().kind() == org.gallery.config.DatabaseUrl.Kind.POSTGRESQL;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public PhotosetService photosets() {
        return context.getBean(PhotosetService.class);
    }

    public ImageService images() {
        return context.getBean(ImageService.class);
    }

    /** Registration of files already in place, and the walk over every image file, for import and verify. */
    public ImageRegistry registry() {
        return context.getBean(ImageRegistry.class);
    }

    /** The stored files, in the folders or in a bucket, as STORAGE_BACKEND says. */
    public FileStore files() {
        return context.getBean(FileStore.class);
    }

    public TagService tags() {
        return context.getBean(TagService.class);
    }

    public TransactionTemplate transactions() {
        return context.getBean(TransactionTemplate.class);
    }

    public MigrationJournal journal() {
        return new MigrationJournal(context.getBean(DSLContext.class));
    }

    /** Other parts of Gallery a step may look for (a thumbnail batch, when there is one). */
    public <T> T optionalBean(Class<T> type) {
        return context.getBeanProvider(type).getIfAvailable();
    }

    @Override
    public void close() {
        if (owned) {
            context.close();
        }
    }
}
