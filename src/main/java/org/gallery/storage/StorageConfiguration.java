package org.gallery.storage;

import org.gallery.config.Settings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link FileStore} STORAGE_BACKEND chooses; a bucket that cannot be used stops start-up with the reason. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    FileStore fileStore(Settings settings) {
        var paths = settings.storage();
        if (paths.local()) {
            return new LocalFileStore(paths);
        }
        var client = S3Connection.client(paths.s3());
        S3Connection.check(client, paths.s3());
        return new S3FileStore(paths, client, S3Connection.presigner(paths.s3()));
    }
}
