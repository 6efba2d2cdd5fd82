package org.gallery.storage;

import org.gallery.config.Settings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link FileStore} STORAGE_BACKEND chooses; a bucket that cannot be used stops start-up with the reason. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    FileStore fileStore(Settings settings) {
        return FileStores.open(settings.storage(), settings.storage().backend());
    }
}
