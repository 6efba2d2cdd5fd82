package org.gallery.storage;

import java.nio.file.Files;
import java.util.Map;
import org.gallery.config.SettingsLoader;

class LocalFileStoreTest extends FileStoreContract {

    @Override
    FileStore newStore() throws Exception {
        var root = Files.createTempDirectory("gallery-store-");
        return new LocalFileStore(SettingsLoader.load(Map.of("STORAGE_ROOT", root.toString()), root).storage());
    }
}
