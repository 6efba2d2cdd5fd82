#!/usr/bin/env bash
# Vector search benchmark (on demand): builds the HNSW index of COUNT synthetic unit vectors (a mixture of clusters)
# in each vector store asked for, through the service's sync path, then p50/p99 latency of top-10 searches and
# recall@10 against an exact scan of the same vectors in the same run, for each candidate-list size (Lucene's
# candidates, pgvector's hnsw.ef_search).
#   bench/vectors.sh [COUNT] [DIMENSION] [QUERIES] [CANDIDATES,...] [STORES]
#   default: 1000000 512 200 100,200 lucene        STORES: lucene, pgvector or lucene,pgvector
# pgvector runs in a new database on the PostgreSQL server of GALLERY_TEST_POSTGRES_URL (a postgresql:// URL of a
# server with pgvector where databases may be created), dropped afterwards.
# Needs about 3 GB of heap and as much disk under target/ (and in PostgreSQL for pgvector).
# LUCENE_DIR=folder: build the Lucene index there and keep it; a later run with the same folder, count and dimension
# measures other candidate lists without building it again.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
if [[ "${5:-lucene}" == *pgvector* ]] && [ -z "${GALLERY_TEST_POSTGRES_URL:-}" ]; then
  echo "pgvector: set GALLERY_TEST_POSTGRES_URL to a PostgreSQL server with pgvector (postgresql://user@host:port/db)" >&2
  exit 2
fi
trap 'rm -rf target/vector-bench*' EXIT
bench_java -Xmx6g ${LUCENE_DIR:+-Dbench.lucene.dir="$LUCENE_DIR"} \
  org.gallery.search.bench.VectorBenchmark "${1:-1000000}" "${2:-512}" "${3:-200}" "${4:-100,200}" "${5:-lucene}"
