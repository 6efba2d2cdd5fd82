package org.gallery.search.vector;

import org.gallery.config.Settings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one vector index {@code VECTOR_STORE} names; {@code auto} is the embedded Lucene index. */
@Configuration(proxyBeanMethods = false)
class VectorIndexConfig {

    @Bean
    VectorIndex vectorIndex(Settings settings) {
        Settings.Embeddings embeddings = settings.embeddings();
        return switch (embeddings.vectorStore()) {
            case "qdrant" -> QdrantVectorIndex.connect(embeddings.qdrantUrl(), embeddings.qdrantApiKey(),
                    embeddings.qdrantCollectionPrefix());
            default -> new LuceneVectorIndex(settings.storage().root().resolve("vectors"));
        };
    }
}
