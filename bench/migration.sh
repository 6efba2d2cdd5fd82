#!/usr/bin/env bash
# Migration benchmark (on demand): generates ARCHIVES archives of IMAGES small JPEGs each with a metadata file,
# times extract beside `unzip -q` of the same archives, then the import step (no thumbnails) on PostgreSQL and SQLite.
#   bench/migration.sh [ARCHIVES] [IMAGES] [WORKDIR]      default: 1000 50 $TMPDIR
# PostgreSQL: the server named by GALLERY_TEST_POSTGRES_URL, else an embedded one. Needs `unzip`.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
command -v unzip >/dev/null || { echo "bench/migration.sh: unzip is needed (apt install unzip)" >&2; exit 3; }
bench_java -Xmx1g \
  org.gallery.migration.bench.MigrationBenchmark "${1:-1000}" "${2:-50}" "${3:-${TMPDIR:-/tmp}}"
