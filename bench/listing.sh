#!/usr/bin/env bash
# Listing benchmark (on demand): seeds images and times GET /api/v2/images beside the bare SQL query.
#   bench/listing.sh [postgres|sqlite|all] [COUNT]      default: all 1000000
# PostgreSQL: the server named by GALLERY_TEST_POSTGRES_URL, else an embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)"
export JAVA_HOME="${JAVA_HOME_25:-$JDK}"
mvn -B -q test-compile
CP="target/test-classes:target/classes:$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$CP" \
  -Dlogging.level.root=WARN -Dlogging.level.gallery.request=WARN \
  org.gallery.bench.ListingBenchmark "${1:-all}" "${2:-1000000}"
