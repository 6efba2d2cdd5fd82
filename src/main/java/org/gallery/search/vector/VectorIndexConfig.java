package org.gallery.search.vector;

import org.gallery.config.Settings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one vector index {@code VECTOR_STORE} names; {@code auto} is the embedded Lucene index. */
@Configuration(proxyBeanMethods = false)
class VectorIndexConfig {

    @Bean
    VectorIndex vectorIndex(Settings settings) {
        return switch (settings.embeddings().vectorStore()) {
            default -> new LuceneVectorIndex(settings.storage().root().resolve("vectors"));
        };
    }
}
