#!/usr/bin/env bash
# Capacity benchmark (on demand): the per-instance figures of docs/scaling.md on one instance backed by PostgreSQL,
# Redis and an S3 server (the s3proxy the tests use), all on loopback. Uploads of photo-sized JPEGs with their
# thumbnails (beside the imaging engine alone), bucket bytes per photo, PostgreSQL bytes per image by table, bytes
# per session, list pages/s (beside the bare SQL), metadata reads/s, cached thumbnails/s (beside a bare server of
# the same bytes), Redis bytes per cached entry, caption and embedding jobs per minute with stand-in models of stated latency.
#   bench/capacity.sh [PHOTOS] [SMALL_IMAGES] [SECONDS_PER_RATE] [MODEL_LATENCY_MS] [EMBEDDING_LATENCY_MS]
#   default: 40 2000 15 1000 100; BENCH_ONLY=embeddings runs the embeddings job alone
# PostgreSQL: GALLERY_TEST_POSTGRES_URL (a fresh database is made there); Redis: GALLERY_TEST_REDIS_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh
bench_java -Xmx1g ${BENCH_ONLY:+-Dbench.only=$BENCH_ONLY} \
  org.gallery.bench.CapacityBenchmark "${1:-40}" "${2:-2000}" "${3:-15}" "${4:-1000}" "${5:-100}"
