#!/usr/bin/env bash
# Embedding throughput with the tiny test model (on demand), and the time per image spent outside the model (decode
# of the medium thumbnail, resize, tensor) beside the imaging engine's thumbnail time for a 12 MP JPEG, same run.
#   bench/embeddings.sh [IMAGES] [MODEL_DIR]      default: 256 src/test/resources/tiny-clip
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)"
export JAVA_HOME="${JAVA_HOME_25:-$JDK}"
mvn -B -q test-compile
CP="target/test-classes:target/classes:$(mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test | sed "s/\x1b\[[0-9;]*m//g")"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx2g -cp "$CP" \
  org.gallery.search.embedding.EmbeddingThroughput "${1:-256}" "${2:-src/test/resources/tiny-clip}"
