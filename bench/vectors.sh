#!/usr/bin/env bash
# Vector search benchmark (on demand): builds the Lucene HNSW index of COUNT synthetic unit vectors (a mixture of
# clusters) through the service's rebuild path, then p50/p99 latency of top-10 searches and recall@10 against an
# exact scan of the same vectors in the same run, for each candidate-list size.
#   bench/vectors.sh [COUNT] [DIMENSION] [QUERIES] [CANDIDATES,...]      default: 1000000 512 200 100,200
# Needs about 3 GB of heap and as much disk under target/.
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)"
export JAVA_HOME="${JAVA_HOME_25:-$JDK}"
mvn -B -q test-compile
CP="target/test-classes:target/classes:$(mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test | sed "s/\x1b\[[0-9;]*m//g")"
trap 'rm -rf target/vector-bench*' EXIT
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Xmx6g -cp "$CP" \
  org.gallery.search.bench.VectorBenchmark "${1:-1000000}" "${2:-512}" "${3:-200}" "${4:-100,200}"
