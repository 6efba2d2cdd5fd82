package org.gallery.storage;

import org.gallery.config.Settings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The one {@link FileStore} STORAGE_BACKEND chooses; a bucket that cannot be used stops start-up with the reason. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    FileStore fileStore(Settings settings, Environment env) {
        // smaller parts only let tests cross part boundaries with small files; S3 itself refuses parts under 5 MiB
        int partBytes = env.getProperty("gallery.storage.resumable-part-bytes", Integer.class,
                FileStores.RESUMABLE_PART_BYTES);
        return FileStores.open(settings.storage(), settings.storage().backend(), partBytes);
    }
}
