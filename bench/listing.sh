#!/usr/bin/env bash
# Listing benchmark (on demand): seeds images and times GET /api/v2/images beside the bare SQL query.
#   bench/listing.sh [postgres|sqlite|all] [COUNT]      default: all 1000000
# PostgreSQL: the server named by GALLERY_TEST_POSTGRES_URL, else an embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
bench_java -Xmx1g \
  org.gallery.bench.ListingBenchmark "${1:-all}" "${2:-1000000}"
