package org.gallery.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsPutEverythingUnderGalleryData() {
        Settings s = SettingsLoader.load(Map.of(), dir);
        Path root = dir.resolve("gallery-data");
        assertThat(s.storage().root()).isEqualTo(root);
        assertThat(s.storage().images()).isEqualTo(root.resolve("images"));
        assertThat(s.storage().thumbnails()).isEqualTo(root.resolve("thumbnails"));
        assertThat(s.storage().crops()).isEqualTo(root.resolve("crops"));
        assertThat(s.storage().archives()).isEqualTo(root.resolve("archives"));
        assertThat(s.database().kind()).isEqualTo(DatabaseUrl.Kind.SQLITE);
        assertThat(s.database().jdbcUrl()).startsWith("jdbc:sqlite:" + root.resolve("gallery.db"))
                .contains("transaction_mode=IMMEDIATE", "foreign_keys=true");
        assertThat(s.apiPort()).isEqualTo(8002);
        assertThat(s.redisEnabled()).isFalse();
        assertThat(s.captions().generator()).isEqualTo("dummy");
        assertThat(s.imaging().thumbnailSmall()).isEqualTo(256);
        assertThat(s.imaging().thumbnailLarge()).isEqualTo(1024);
    }

    @Test
    void acceptsTheOldSystemsDatabaseUrls() {
        var asyncpg = DatabaseUrl.parse("postgresql+asyncpg://gallery:s%40cret@db.local:5433/photos");
        assertThat(asyncpg.kind()).isEqualTo(DatabaseUrl.Kind.POSTGRESQL);
        assertThat(asyncpg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:5433/photos");
        assertThat(asyncpg.user()).isEqualTo("gallery");
        assertThat(asyncpg.password()).isEqualTo("s@cret");
        assertThat(DatabaseUrl.parse("postgresql://localhost/test").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/test");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h:1/d").jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/d");
        assertThat(DatabaseUrl.parse("sqlite:///data/g.db").jdbcUrl()).contains(Path.of("data/g.db").toAbsolutePath().toString());
        assertThat(DatabaseUrl.parse("sqlite:////abs/g.db").jdbcUrl()).startsWith("jdbc:sqlite:/abs/g.db?");
        assertThat(DatabaseUrl.parse("jdbc:sqlite:x.db").jdbcUrl()).contains("journal_mode=WAL");
    }

    @Test
    void badValuesFailWithOneLineNamingTheVariable() {
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("API_PORT", "eighty"), dir))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("API_PORT='eighty' is not valid: expected a whole number from 0 to 65535");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("DATABASE_URL", "mysql://x/y"), dir))
                .hasMessageStartingWith("DATABASE_URL='mysql://x/y' is not valid: expected postgresql://");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("CAPTION_GENERATOR", "gpt"), dir))
                .hasMessageContaining("CAPTION_GENERATOR").hasMessageContaining("dummy");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("IMAGE_ENGINE", "magick"), dir))
                .hasMessageContaining("IMAGE_ENGINE");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("CORS_ORIGINS", "[broken"), dir))
                .hasMessageContaining("CORS_ORIGINS");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("REDIS_URL", "localhost:6379"), dir))
                .hasMessageContaining("REDIS_URL");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("AUTO_MIGRATE", "maybe"), dir))
                .hasMessageContaining("AUTO_MIGRATE");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("OPENAI_BASE_URL", "ftp://x"), dir))
                .hasMessageContaining("OPENAI_BASE_URL");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("EMBEDDINGS", "clip"), dir))
                .hasMessageContaining("EMBEDDINGS").hasMessageContaining("onnx");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("EMBEDDINGS", "onnx"), dir))
                .hasMessageContaining("EMBEDDING_MODEL_DIR");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("EMBEDDINGS", "openai", "EMBEDDING_MODEL", "clip"), dir))
                .hasMessageContaining("EMBEDDING_BASE_URL");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("VECTOR_STORE", "faiss"), dir))
                .hasMessageContaining("VECTOR_STORE").hasMessageContaining("lucene");
        assertThat(SettingsLoader.load(Map.of(), dir).embeddings().enabled()).isFalse();
    }

    @Test
    void qdrantNeedsItsAddressAndTakesAPrefixOfSafeCharacters() {
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("VECTOR_STORE", "qdrant"), dir))
                .hasMessageStartingWith("QDRANT_URL").hasMessageContaining("6334");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("VECTOR_STORE", "qdrant", "QDRANT_URL", "qdrant:6334"),
                dir)).hasMessageStartingWith("QDRANT_URL");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("VECTOR_STORE", "qdrant", "QDRANT_URL",
                "http://q:6334", "QDRANT_COLLECTION_PREFIX", "my/prefix"), dir))
                .hasMessageStartingWith("QDRANT_COLLECTION_PREFIX");
        Settings.Embeddings e = SettingsLoader.load(Map.of("VECTOR_STORE", "Qdrant", "QDRANT_URL", "https://q:6334/",
                "QDRANT_API_KEY", "secret-key"), dir).embeddings();
        assertThat(e.vectorStore()).isEqualTo("qdrant");
        assertThat(e.qdrantUrl()).isEqualTo("https://q:6334");
        assertThat(e.qdrantApiKey()).isEqualTo("secret-key");
        assertThat(e.qdrantCollectionPrefix()).isEqualTo("gallery_");
        assertThat(e.toString()).doesNotContain("secret-key");
    }

    @Test
    void dotEnvIsReadAndTheEnvironmentWins() throws Exception {
        Files.writeString(dir.resolve(".env"), """
                # a comment
                API_PORT=9001
                export STORAGE_ROOT="store"
                CORS_ORIGINS='["http://a.test","http://b.test"]'
                THUMBNAIL_QUALITY=90 # inline comment
                """);
        Settings s = SettingsLoader.load(Map.of("API_PORT", "9002"), dir);
        assertThat(s.apiPort()).isEqualTo(9002);
        assertThat(s.storage().root()).isEqualTo(dir.resolve("store"));
        assertThat(s.corsOrigins()).containsExactly("http://a.test", "http://b.test");
        assertThat(s.imaging().thumbnailQuality()).isEqualTo(90);
    }
}
