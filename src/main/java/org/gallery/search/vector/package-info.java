/**
 * Vector indexes: {@link org.gallery.search.vector.VectorIndex} and its implementations, chosen by
 * {@code VECTOR_STORE}. {@code lucene} (the default) keeps HNSW graphs on disk under {@code STORAGE_ROOT/vectors};
 * {@code pgvector} keeps them in the PostgreSQL database, shared by every instance of the service;
 * {@code qdrant} keeps them in a Qdrant server's collections, reached over gRPC.
 */
@NullMarked
package org.gallery.search.vector;

import org.jspecify.annotations.NullMarked;
