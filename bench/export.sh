#!/usr/bin/env bash
# Export benchmark (on demand): throughput beside `zip -0 -r` of the same files, and the server's peak RSS.
#   bench/export.sh [CORPUS_DIR] [GIB] [ROUNDS]     default: ../shared/bench/corpus 2 3
# The corpus is the shared bench corpus (make it with its make_corpus.sh); needs `zip`.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
command -v zip >/dev/null || { echo "bench/export.sh needs zip (apt-get install zip)" >&2; exit 3; }
corpus="${1:-../shared/bench/corpus}"
[ -d "$corpus" ] || { echo "no corpus in $corpus: run make_corpus.sh in the shared bench folder" >&2; exit 3; }
bench_java -Xmx1g \
  org.gallery.export.bench.ExportBenchmark "$corpus" "${2:-2}" "${3:-3}"
