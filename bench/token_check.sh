#!/usr/bin/env bash
# What checking an API token costs a request (on demand): the remembered path and the database look-up behind it.
#   bench/token_check.sh [CHECKS]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)}"
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.gallery.auth.bench.TokenCheckBenchmark "${1:-2000000}" 2>&1 | grep -E '^token check'
