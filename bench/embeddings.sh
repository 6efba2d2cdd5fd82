#!/usr/bin/env bash
# Embedding throughput with the tiny test model (on demand), and the time per image spent outside the model (decode
# of the medium thumbnail, resize, tensor) beside the imaging engine's thumbnail time for a 12 MP JPEG, same run.
#   bench/embeddings.sh [IMAGES] [MODEL_DIR]      default: 256 src/test/resources/tiny-clip
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
bench_java -Xmx2g \
  org.gallery.search.embedding.EmbeddingThroughput "${1:-256}" "${2:-src/test/resources/tiny-clip}"
