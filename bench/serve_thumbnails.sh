#!/usr/bin/env bash
# Serving a cached thumbnail (on demand): wrk -t2 -c64 against Gallery's thumbnail endpoint and, in the same run,
# against nginx serving the very same files (the reference script in ../shared/bench) and against the floor of the
# web server Gallery runs on: its embedded Tomcat, set up the same way, answering the same bytes from one valve with
# nothing else (org.gallery.bench.TomcatFloor). Loopback only. Every request to Gallery carries an API token,
# checked as for any client. Prints requests/s and p99 of each, and Gallery's ratios to nginx and to the floor.
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
source bench/java.sh
./gallery build >/dev/null
FLOOR_CP="$(bench_classpath)"
STORAGE_ROOT="$DIR/data" API_PORT=$PORT API_HOST=127.0.0.1 ./gallery serve >"$DIR/serve.log" 2>&1 &
PID=$!
FLOOR_PID=
trap 'kill $PID $FLOOR_PID 2>/dev/null; wait 2>/dev/null; rm -rf "$DIR"' EXIT
until curl -sf "http://127.0.0.1:$PORT/api/v2/health" >/dev/null; do sleep 0.2; done
TOKEN="$(gallery_token "http://127.0.0.1:$PORT")"
AUTH="Authorization: Bearer $TOKEN"
ID=$(curl -sf -H "$AUTH" -F "file=@$IMAGE" "http://127.0.0.1:$PORT/api/v2/images" | sed 's/.*"id":"\([^"]*\)".*/\1/')
for size in medium large; do curl -sf -H "$AUTH" -o /dev/null "http://127.0.0.1:$PORT/api/v2/images/$ID/thumbnail/$size"; done
THUMBS="$DIR/data/thumbnails/$ID"
# warm the JIT before measuring
for size in medium large; do
  wrk -t2 -c64 -d3s -H "$AUTH" "http://127.0.0.1:$PORT/api/v2/images/$ID/thumbnail/$size" >/dev/null
done
mkdir -p "$DIR/copies" && cp "$THUMBS"/*.jpg "$DIR/copies/" && chmod 644 "$DIR/copies"/*.jpg
echo "image $(basename "$IMAGE"); thumbnails: medium $(stat -c %s "$THUMBS/medium.jpg") bytes, large $(stat -c %s "$THUMBS/large.jpg") bytes"
# prints "LABEL requests/s p99_ms" for each wrk report on stdin, labelled in turn; fails on answers that were not 2xx
wrk_summary() {
  local out
  out="$(cat)"
  if grep -q 'Non-2xx' <<<"$out"; then echo "$*: answers that were not 2xx: $(grep 'Non-2xx' <<<"$out")" >&2; exit 1; fi
  awk -v labels="$*" '
    BEGIN {split(labels, label, " ")}
    /Requests\/sec/ {printf "%s %.0f %.2f\n", label[++n], $2, ms}
    $1 == "99%" {v = $2; ms = v + 0; if (v ~ /us$/) ms /= 1000; else if (v ~ /[^m]s$/) ms *= 1000}' <<<"$out"
}
run_wrk() {  # $1: label, then wrk's arguments
  local label="$1"
  shift
  wrk -t2 -c64 -d"${DUR}s" --latency "$@" | wrk_summary "$label"
}
results="$DIR/results"
for size in medium large; do
  run_wrk "gallery-$size" -H "$AUTH" "http://127.0.0.1:$PORT/api/v2/images/$ID/thumbnail/$size" >>"$results"
done
kill $PID; wait $PID 2>/dev/null || true; PID=

FLOOR_PORT=18103
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx512m -cp "$FLOOR_CP" org.gallery.bench.TomcatFloor $FLOOR_PORT \
  "$DIR/copies/medium.jpg" "$DIR/copies/large.jpg" >"$DIR/floor.log" 2>&1 &
FLOOR_PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$FLOOR_PORT/medium"; do sleep 0.2; done
for size in medium large; do wrk -t2 -c64 -d3s "http://127.0.0.1:$FLOOR_PORT/$size" >/dev/null; done
for size in medium large; do
  run_wrk "floor-$size" "http://127.0.0.1:$FLOOR_PORT/$size" >>"$results"
done
kill $FLOOR_PID; wait $FLOOR_PID 2>/dev/null || true; FLOOR_PID=

bash ../shared/bench/anchors_serve.sh "$DUR" "$DIR/copies/medium.jpg" "$DIR/copies/large.jpg" >"$DIR/nginx.txt"
# the reference prints one wrk report per file, small (our medium) first
wrk_summary nginx-medium nginx-large <"$DIR/nginx.txt" >>"$results"

echo "load $(cut -d' ' -f1 /proc/loadavg)"
awk '
  {rps[$1] = $2; p99[$1] = $3}
  END {
    printf "%-8s %14s %14s %14s   %-22s %s\n", "size", "Gallery req/s", "floor req/s", "nginx req/s", "Gallery/nginx (floor)", "p99 ms Gallery/floor/nginx"
    split("medium large", sizes, " ")
    for (i = 1; i <= 2; i++) {
      s = sizes[i]; g = "gallery-" s; f = "floor-" s; x = "nginx-" s
      printf "%-8s %14.0f %14.0f %14.0f   %5.0f%% (%5.0f%%)         %.1f / %.1f / %.1f\n", s, rps[g], rps[f], rps[x],
        100 * rps[g] / rps[x], 100 * rps[f] / rps[x], p99[g], p99[f], p99[x]
      printf "%-8s Gallery reaches %.0f%% of its web server'"'"'s floor\n", "", 100 * rps[g] / rps[f]
    }
  }' "$results"
