#!/usr/bin/env bash
# The images grid in headless Chromium (on demand): seeds COUNT images in one photoset, then reports from the
# browser's Performance API the first screen of thumbnails, scroll frame times, DOM nodes and JS heap.
#   bench/ui_grid.sh [COUNT]      default: 50000
# Needs Chromium and chromedriver (GALLERY_TEST_CHROMIUM / GALLERY_TEST_CHROMEDRIVER to point elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)"
export JAVA_HOME="${JAVA_HOME_25:-$JDK}"
mvn -B -q test-compile
CP="target/test-classes:target/classes:$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$CP" \
  -Dlogging.level.root=WARN -Dlogging.level.gallery.request=WARN \
  org.gallery.bench.UiGridBenchmark "${1:-50000}"
