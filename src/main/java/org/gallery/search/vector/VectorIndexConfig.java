package org.gallery.search.vector;

import org.gallery.config.Settings;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one vector index {@code VECTOR_STORE} names; {@code auto} is the embedded Lucene index, which needs nothing
 * installed on any database, while {@code pgvector} is chosen deliberately for PostgreSQL deployments of several
 * instances.
 */
@Configuration(proxyBeanMethods = false)
class VectorIndexConfig {

    @Bean
    VectorIndex vectorIndex(Settings settings, DSLContext db, TransactionTemplate tx) {
        Settings.Embeddings embeddings = settings.embeddings();
        return switch (embeddings.vectorStore()) {
            case "pgvector" -> new PgVectorIndex(db, tx);
            case "qdrant" -> QdrantVectorIndex.connect(embeddings.qdrantUrl(), embeddings.qdrantApiKey(),
                    embeddings.qdrantCollectionPrefix());
            default -> new LuceneVectorIndex(settings.storage().root().resolve("vectors"));
        };
    }
}
