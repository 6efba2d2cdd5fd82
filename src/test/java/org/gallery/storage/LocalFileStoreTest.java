package org.gallery.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gallery.config.SettingsLoader;
import org.junit.jupiter.api.Test;

class LocalFileStoreTest extends FileStoreContract {

    @Override
    FileStore newStore() throws Exception {
        var root = Files.createTempDirectory("gallery-store-");
        archives = SettingsLoader.load(Map.of("STORAGE_ROOT", root.toString()), root).storage().archives();
        return new LocalFileStore(SettingsLoader.load(Map.of("STORAGE_ROOT", root.toString()), root).storage());
    }

    private Path archives;

    @Override
    int unfinishedWrites(FileStore.Key key) {
        return Files.exists(archives.resolve("exports/." + key.path() + ".part")) ? 1 : 0;
    }

    @Test
    void aResumedWriteGoesOnExactlyAtItsCheckpointInThePartFileBesideTheFile() throws Exception {
        var key = FileStore.Area.EXPORTS.key("resumed.zip");
        Path part = archives.resolve("exports/.resumed.zip.part");
        String state;
        try (ResumableWrite write = files.openResumableWrite(key, null)) {
            write.out().write(bytes(5000, 1));
            state = write.checkpoint();
            write.out().write(bytes(700, 2));
            write.out().flush();
            write.rewrite(10, new byte[] {1, 2, 3});
            assertThat(part).hasSize(5700);
        }
        assertThat(state).isEqualTo("5000");
        try (ResumableWrite write = files.openResumableWrite(key, state)) {
            assertThat(write.resumedAt()).isEqualTo(5000);
            assertThat(part).hasSize(5000);
            write.out().write(bytes(100, 3));
            assertThat(write.complete()).isEqualTo(5100);
        }
        assertThat(part).doesNotExist();
        assertThat(archives.resolve("exports/resumed.zip")).hasSize(5100);
    }
}
