#!/usr/bin/env bash
# Near-duplicate benchmark (on demand): recall and false pairs of the perceptual hash on transformed copies of real
# photos (resized, re-encoded at low quality, cropped, brightened, darkened) mixed with the other photos, by pHash
# limit; then the time to group a million hashes with multi-index hashing, beside every-pair comparison.
#   bench/duplicates.sh [CORPUS_DIR|-] [ENGINE] [HASHES] [LIMIT]     default: ../shared/bench/corpus vips 1000000 12
# (- as the corpus: the grouping time only)
# The corpus is the shared bench corpus (make it with its make_corpus.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
corpus="${1:-../shared/bench/corpus}"
[ "$corpus" = - ] || [ -d "$corpus" ] || { echo "no corpus in $corpus: run make_corpus.sh in the shared bench folder" >&2; exit 3; }
bench_java -Xmx2g \
  org.gallery.search.bench.DuplicateBenchmark "$corpus" "${2:-vips}" "${3:-1000000}" "${4:-12}"
