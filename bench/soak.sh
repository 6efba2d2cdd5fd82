#!/usr/bin/env bash
# Soak (on demand): `gallery serve` under a steady mixed load from four clients on loopback (uploads of small
# JPEGs, list pages, metadata, thumbnails, caption saves and deletes, now and then a caption generation with the
# dummy generator and an export), bounded in time. Prints requests by kind, every answer that is neither 2xx nor
# 4xx, the ERROR lines of the server log, the server's RSS sampled every 30 s with its slope, and where the memory
# goes: heap, metaspace, code cache, direct buffers, the thumbnail cache and libvips' pixel buffers every 30 s, and
# the JVM's native memory tracking at the end. Then every image the clients kept must still be there, and
# `gallery migrate verify` must find the files and the database in agreement.
#   bench/soak.sh [MINUTES] [postgres|sqlite] [outages]      default: 5 postgres
# PostgreSQL: a fresh database on 127.0.0.1:5432 (user postgres, dropped at the end) and Redis 127.0.0.1:6379/3.
# With `outages` (postgres only) the script starts a PostgreSQL and a Redis of its own on other ports, restarts
# that Redis once (a third into the run) and stops that PostgreSQL for 20 s once (at half-time); answers during
# an outage are reported apart, and should all be 503 problem bodies.
# needs: psql (for postgres), curl, jcmd (the JDK's); for outages also PostgreSQL's server binaries and redis-server
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES="${1:-5}"
DB="${2:-postgres}"
OUTAGES="${3:-}"
PORT=18200
DIR="$(mktemp -d)"
source bench/credentials.sh
source bench/java.sh
./gallery build >/dev/null

export STORAGE_ROOT="$DIR/data" API_PORT=$PORT API_HOST=127.0.0.1 CAPTION_GENERATOR=dummy
DBNAME=""
PG_PORT=5432 REDIS_PORT=6379 PID="" SAMPLER="" DRILL="" OWN_PG="" OWN_REDIS=""
cleanup() {
  for p in $SAMPLER $DRILL; do kill "$p" 2>/dev/null || true; done
  [ -n "$PID" ] && { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }
  if [ -n "$OWN_PG" ]; then as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" -m immediate stop >/dev/null 2>&1 || true
  elif [ -n "$DBNAME" ]; then psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DBNAME" || true; fi
  [ -n "$OWN_REDIS" ] && redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
source bench/soak_servers.sh

case "$DB" in
  postgres)
    DBNAME="gallery_soak_$(date +%s)"
    if [ "$OUTAGES" = outages ]; then start_own_servers; fi
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE $DBNAME"
    export DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/$DBNAME" REDIS_URL="redis://127.0.0.1:$REDIS_PORT/3" ;;
  sqlite) [ -z "$OUTAGES" ] || { echo "outages are drilled on PostgreSQL and Redis only"; exit 2; } ;;
  *) echo "usage: bench/soak.sh [MINUTES] [postgres|sqlite] [outages]"; exit 2 ;;
esac

# UTC: the log's times are compared with the outage windows below
TZ=UTC GALLERY_JAVA_OPTS="${GALLERY_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary" ./gallery serve >"$DIR/serve.log" 2>&1 &
PID=$!
until curl -sf "http://127.0.0.1:$PORT/api/v2/health" >/dev/null 2>&1; do
  kill -0 "$PID" 2>/dev/null || { cat "$DIR/serve.log"; echo "serve exited"; exit 1; }
  sleep 0.2
done
TOKEN="$(gallery_token "http://127.0.0.1:$PORT")"
JAVA_PID=$(pgrep -P "$PID" java || echo "$PID")
curl -sf "http://127.0.0.1:$PORT/actuator/prometheus" | grep -q '^gallery_imaging_native_bytes' \
  && echo "libvips' own memory counters: on" || echo "libvips' own memory counters: off (another imaging engine)"
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$JAVA_PID/status"; }
# MiB of each part the JVM and Gallery count: heap, metaspace, code cache, direct buffers, thumbnail cache, libvips
parts() {
  curl -sf "http://127.0.0.1:$PORT/actuator/prometheus" | awk '
    /^jvm_memory_used_bytes\{area="heap"/ {heap += $NF}
    /^jvm_memory_committed_bytes\{area="heap"/ {heapc += $NF}
    /^jvm_memory_used_bytes\{area="nonheap",id="Metaspace"/ {meta += $NF}
    /^jvm_memory_used_bytes\{area="nonheap",id="Code(Heap|Cache)/ {code += $NF}
    /^jvm_buffer_memory_used_bytes\{id="direct"/ {direct += $NF}
    /^gallery_thumbnail_cache_bytes / {thumbs += $NF}
    /^gallery_imaging_native_bytes / {vips += $NF}
    END {m = 1048576; printf "%d %d %d %d %d %d %d", heap/m, heapc/m, meta/m, code/m, direct/m, thumbs/m, vips/m}'
}

start=$(date +%s)
( while true; do echo "$(( $(date +%s) - start )) $(rss) $(parts)"; sleep 30; done ) >"$DIR/rss.txt" &
SAMPLER=$!
if [ -n "$OWN_PG" ]; then drill_outages "$MINUTES" "$DIR/outages.txt" & DRILL=$!; fi

echo "soak: $MINUTES min on $DB, 4 clients, server pid $JAVA_PID${OWN_PG:+, outages drilled}"
bench_java -Xmx256m org.gallery.bench.SoakLoad "http://127.0.0.1:$PORT" "$MINUTES" 4 "$TOKEN" "$DIR/outages.txt"
echo "$(( $(date +%s) - start )) $(rss) $(parts)" >>"$DIR/rss.txt"

# ERROR lines inside an outage window (plus 15 s to recover) are counted apart from the others
awk -v windows="$(awk '{printf "%d-%d ", $2 / 1000 % 86400, $3 / 1000 % 86400 + 15}' "$DIR/outages.txt" 2>/dev/null)" '
  / ERROR / { split($1, t, ":"); s = t[1] * 3600 + t[2] * 60 + int(t[3]); inside = 0
              n = split(windows, w, " "); for (i = 1; i <= n; i++) { split(w[i], b, "-"); if (s >= b[1] && s <= b[2]) inside = 1 }
              if (inside) during++; else other++ }
  END { printf "server log ERROR lines: %d (and %d during outages)\n", other, during }' "$DIR/serve.log"
grep -A3 ' ERROR ' "$DIR/serve.log" | head -40 || true
echo "MiB every 30 s:   RSS  heap used/committed  metaspace  code  direct  thumbnail-cache  libvips"
awk '{printf "  %4d s %6d %10d %9d %10d %5d %7d %16d %8d\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}' "$DIR/rss.txt"
echo "native memory tracking (committed MiB) at the end:"
"$JAVA_HOME/bin/jcmd" "$JAVA_PID" VM.native_memory summary scale=MB 2>/dev/null \
  | sed -n -E 's/^(Total|-[[:space:]]+[A-Za-z ]+)[: ]*\(?reserved=[0-9]+MB, committed=([0-9]+)MB.*/\1 \2/p' \
  | sed -E 's/^-[[:space:]]+//' | awk '$NF > 0 {printf "  %-28s %6d\n", substr($0, 1, length($0) - length($NF) - 1), $NF}'
echo "gallery migrate verify (files against the database):"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar target/gallery.jar migrate verify 2>&1 | sed 's/^/  /' | tail -n 25 || true
# the target: RSS flat within 5% over the last 20 minutes of the run (the means of its first and last minute)
awk -v end=$(( MINUTES * 60 )) '$1 <= end + 15 {t[++n] = $1; r[n] = $2}
     END {from = end - 1200; if (from < 60) {print "RSS over the last 20 minutes: the run is too short"; exit}
          for (i = 1; i <= n; i++) {
            if (t[i] >= from && t[i] < from + 60) {a += r[i]; na++}
            if (t[i] > end - 60) {b += r[i]; nb++}
            if (t[i] >= from) {if (r[i] > max) max = r[i]; if (min == "" || r[i] < min) min = r[i]}}
          if (na && nb) printf "RSS over the last 20 minutes: %.0f -> %.0f MiB (%+.1f%%), lowest %d, highest %d\n",
            a / na, b / nb, (b / nb - a / na) * 100 / (a / na), min, max}' "$DIR/rss.txt"
# least-squares slope over the samples after the first minute (start-up and warm-up excluded)
awk '$1 >= 60 {n++; sx+=$1; sy+=$2; sxy+=$1*$2; sxx+=$1*$1}
     END {if (n > 1) printf "RSS slope after the first minute: %.2f MiB/min over %d samples\n", (n*sxy-sx*sy)/(n*sxx-sx*sx)*60, n;
          else print "RSS slope: too few samples"}' "$DIR/rss.txt"
