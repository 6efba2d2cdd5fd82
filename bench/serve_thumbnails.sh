#!/usr/bin/env bash
# Serving a cached thumbnail (on demand): wrk -t2 -c64 against Gallery's thumbnail endpoint and, in the same run,
# against nginx serving the very same files (the reference script in ../shared/bench). Loopback only. Every request
# carries an API token, checked as for any client.
#   bench/serve_thumbnails.sh [DURATION_S] [IMAGE]
# needs: apt-get install nginx wrk ; a corpus image (../shared/bench/make_corpus.sh) or any JPEG as IMAGE
set -euo pipefail
cd "$(dirname "$0")/.."
DUR="${1:-10}"
IMAGE="${2:-$(ls ../shared/bench/corpus/*.jpg 2>/dev/null | head -n 1)}"
[ -f "$IMAGE" ] || { echo "no image: give one, or make the corpus with ../shared/bench/make_corpus.sh"; exit 1; }
PORT=18102
DIR="$(mktemp -d)"
source bench/credentials.sh
./gallery build >/dev/null
STORAGE_ROOT="$DIR/data" API_PORT=$PORT API_HOST=127.0.0.1 ./gallery serve >"$DIR/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DIR"' EXIT
until curl -sf "http://127.0.0.1:$PORT/api/v2/health" >/dev/null; do sleep 0.2; done
TOKEN="$(gallery_token "http://127.0.0.1:$PORT")"
AUTH="Authorization: Bearer $TOKEN"
ID=$(curl -sf -H "$AUTH" -F "file=@$IMAGE" "http://127.0.0.1:$PORT/api/v2/images" | sed 's/.*"id":"\([^"]*\)".*/\1/')
for size in medium large; do curl -sf -H "$AUTH" -o /dev/null "http://127.0.0.1:$PORT/api/v2/images/$ID/thumbnail/$size"; done
THUMBS="$DIR/data/thumbnails/$ID"
# warm the JIT before measuring
wrk -t2 -c64 -d3s -H "$AUTH" "http://127.0.0.1:$PORT/api/v2/images/$ID/thumbnail/medium" >/dev/null
mkdir -p "$DIR/copies" && cp "$THUMBS"/*.jpg "$DIR/copies/" && chmod 644 "$DIR/copies"/*.jpg
echo "image $(basename "$IMAGE"); thumbnails: medium $(stat -c %s "$THUMBS/medium.jpg") bytes, large $(stat -c %s "$THUMBS/large.jpg") bytes"
for size in medium large; do
  echo "=== Gallery $size"
  wrk -t2 -c64 -d"${DUR}s" --latency -H "$AUTH" "http://127.0.0.1:$PORT/api/v2/images/$ID/thumbnail/$size" | grep -E 'Requests/sec|50%|99%|Non-2xx'
done
echo "=== nginx, the same files"
bash ../shared/bench/anchors_serve.sh "$DUR" "$DIR/copies/medium.jpg" "$DIR/copies/large.jpg" | grep -E '===|Requests/sec|50%|99%'
