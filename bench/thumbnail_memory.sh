#!/usr/bin/env bash
# Peak memory of the service while two workers thumbnail the shared corpus plus a 48-megapixel JPEG (on demand).
# Phase 1 uploads everything with two uploads at a time (thumbnails are made in the upload); phase 2 remakes every
# thumbnail with the batch job (JOB_WORKERS=2). Reports wall time, ms per source megapixel and the peak RSS.
#   bench/thumbnail_memory.sh [IMAGE_ENGINE]        default: the service's default (auto)
# needs: ImageMagick's convert (to make the 48 MP image), curl; the corpus (../shared/bench/make_corpus.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINE="${1:-auto}"
CORPUS=../shared/bench/corpus
ls "$CORPUS"/*.jpg >/dev/null 2>&1 || { echo "no corpus: run ../shared/bench/make_corpus.sh"; exit 1; }
PORT=18105
DIR="$(mktemp -d)"
source bench/credentials.sh
./gallery build >/dev/null
convert -size 8488x5656 plasma:fractal -quality 90 "$DIR/big-48mp.jpg"
IMAGE_ENGINE=$ENGINE JOB_WORKERS=2 STORAGE_ROOT="$DIR/data" API_PORT=$PORT API_HOST=127.0.0.1 \
  ./gallery serve >"$DIR/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DIR"' EXIT
until curl -sf "http://127.0.0.1:$PORT/api/v2/health" >/dev/null; do sleep 0.2; done
AUTH="Authorization: Bearer $(gallery_token "http://127.0.0.1:$PORT")"
rss() { awk "/$1/ {print int(\$2/1024)}" "/proc/$PID/status"; }
megapixels=$(identify -format '%w %h\n' "$CORPUS"/* "$DIR/big-48mp.jpg" 2>/dev/null | awk '{s += $1*$2} END {printf "%.1f", s/1e6}')
echo "engine $(curl -sf -H "$AUTH" "http://127.0.0.1:$PORT/api/v2/health" | sed 's/.*"engine":"\([^"]*\)".*/\1/'); $megapixels MP in $(ls "$CORPUS" | wc -l) files + 1; idle RSS $(rss VmRSS) MiB"

start=$(date +%s%N)
{ ls "$CORPUS"/*; echo "$DIR/big-48mp.jpg"; } | xargs -P 2 -I{} curl -sf -H "$AUTH" -o /dev/null -w '%{http_code}\n' \
  -F "file=@{}" "http://127.0.0.1:$PORT/api/v2/images" | sort | uniq -c
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "upload with thumbnails, 2 at a time: ${ms} ms, $(awk -v ms=$ms -v mp=$megapixels 'BEGIN {printf "%.1f", ms/mp}') ms/MP wall (incl. HTTP and hashing), peak RSS $(rss VmHWM) MiB"

start=$(date +%s%N)
JOB=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d '{"force": true}' "http://127.0.0.1:$PORT/api/v2/thumbnails/jobs" \
  | sed 's/.*"id":"\([^"]*\)".*/\1/')
until curl -sf -H "$AUTH" "http://127.0.0.1:$PORT/api/v2/jobs/$JOB" | grep -Eq '"status":"(succeeded|failed|cancelled)"'; do sleep 0.2; done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "batch job, JOB_WORKERS=2: $(curl -sf -H "$AUTH" "http://127.0.0.1:$PORT/api/v2/jobs/$JOB" | grep -o '"status":"[a-z]*"' | head -1), ${ms} ms, $(awk -v ms=$ms -v mp=$megapixels 'BEGIN {printf "%.1f", ms/mp}') ms/MP wall"
echo "peak RSS of the service: $(rss VmHWM) MiB (current $(rss VmRSS) MiB)"
