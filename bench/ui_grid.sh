#!/usr/bin/env bash
# The images grid in headless Chromium (on demand): seeds COUNT images in one photoset, then reports from the
# browser's Performance API the first screen of thumbnails, scroll frame times, DOM nodes and JS heap.
#   bench/ui_grid.sh [COUNT]      default: 50000
# Needs Chromium and chromedriver (GALLERY_TEST_CHROMIUM / GALLERY_TEST_CHROMEDRIVER to point elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
bench_java -Xmx1g \
  org.gallery.bench.UiGridBenchmark "${1:-50000}"
