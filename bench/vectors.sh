#!/usr/bin/env bash
# Vector search benchmark (on demand): builds the Lucene HNSW index of COUNT synthetic unit vectors (a mixture of
# clusters) through the service's rebuild path, then p50/p99 latency of top-10 searches and recall@10 against an
# exact scan of the same vectors in the same run, for each candidate-list size.
#   bench/vectors.sh [COUNT] [DIMENSION] [QUERIES] [CANDIDATES,...]      default: 1000000 512 200 100,200
# Needs about 3 GB of heap and as much disk under target/.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
trap 'rm -rf target/vector-bench*' EXIT
bench_java -Xmx6g \
  org.gallery.search.bench.VectorBenchmark "${1:-1000000}" "${2:-512}" "${3:-200}" "${4:-100,200}"
