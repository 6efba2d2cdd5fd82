#!/usr/bin/env bash
# Many requests at once for the thumbnail of a fresh large image (on demand): every request must be answered and
# the thumbnails made once. Reports status codes, wall time, generations and the service's RSS.
#   bench/thumbnail_stampede.sh [REQUESTS] [WIDTHxHEIGHT]      default: 200 6000x4000 (24 MP)
# needs: ImageMagick's convert (to make the image), curl
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-200}"
SIZE="${2:-6000x4000}"
PORT=18104
DIR="$(mktemp -d)"
source bench/credentials.sh
./gallery build >/dev/null
STORAGE_ROOT="$DIR/data" API_PORT=$PORT API_HOST=127.0.0.1 ./gallery serve >"$DIR/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DIR"' EXIT
until curl -sf "http://127.0.0.1:$PORT/api/v2/health" >/dev/null; do sleep 0.2; done
AUTH="Authorization: Bearer $(gallery_token "http://127.0.0.1:$PORT")"
convert -size "$SIZE" plasma:fractal -quality 90 "$DIR/big.jpg"
ID=$(curl -sf -H "$AUTH" -F "file=@$DIR/big.jpg" "http://127.0.0.1:$PORT/api/v2/images" | sed 's/.*"id":"\([^"]*\)".*/\1/')
rm -f "$DIR/data/thumbnails/$ID"/*.jpg
gens() { curl -sf "http://127.0.0.1:$PORT/actuator/prometheus" | awk '/^gallery_thumbnail_generations / {print int($2)}'; }
before=$(gens)
start=$(date +%s%N)
seq "$N" | xargs -P "$N" -I{} curl -s -H "$AUTH" -o /dev/null -w '%{http_code}\n' \
  "http://127.0.0.1:$PORT/api/v2/images/$ID/thumbnail/large" | sort | uniq -c
ms=$(( ($(date +%s%N) - start) / 1000000 ))
after=$(gens)
rss=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$PID/status")
echo "$N requests for the large thumbnail of a fresh $SIZE JPEG: ${ms} ms, generations $((after - before)), peak RSS ${rss} MiB"
