#!/usr/bin/env bash
# Soak (on demand): `gallery serve` under a steady mixed load from four clients on loopback (uploads of small
# JPEGs, list pages, metadata, thumbnails, caption saves and deletes, now and then a caption generation with the
# dummy generator and an export), bounded in time. Prints requests by kind, every answer that is neither 2xx nor
# 4xx, the ERROR lines of the server log, and the server's RSS sampled every 30 s with its slope.
#   bench/soak.sh [MINUTES] [postgres|sqlite]      default: 5 postgres
# PostgreSQL: a fresh database on 127.0.0.1:5432 (user postgres, dropped at the end) and Redis 127.0.0.1:6379/3.
# needs: psql (for postgres), curl
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES="${1:-5}"
DB="${2:-postgres}"
PORT=18200
DIR="$(mktemp -d)"
source bench/credentials.sh
JDK="$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)"
export JAVA_HOME="${JAVA_HOME_25:-$JDK}"
./gallery build >/dev/null
mvn -B -q test-compile
CP="target/test-classes:target/classes:$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)"

export STORAGE_ROOT="$DIR/data" API_PORT=$PORT API_HOST=127.0.0.1 CAPTION_GENERATOR=dummy
DBNAME=""
case "$DB" in
  postgres)
    DBNAME="gallery_soak_$(date +%s)"
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $DBNAME"
    export DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$DBNAME" REDIS_URL="redis://127.0.0.1:6379/3" ;;
  sqlite) ;;
  *) echo "usage: bench/soak.sh [MINUTES] [postgres|sqlite]"; exit 2 ;;
esac

./gallery serve >"$DIR/serve.log" 2>&1 &
PID=$!
SAMPLER=""
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null
  kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true
  [ -n "$DBNAME" ] && psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DBNAME" || true
  rm -rf "$DIR"
}
trap cleanup EXIT
until curl -sf "http://127.0.0.1:$PORT/api/v2/health" >/dev/null 2>&1; do
  kill -0 "$PID" 2>/dev/null || { cat "$DIR/serve.log"; echo "serve exited"; exit 1; }
  sleep 0.2
done
TOKEN="$(gallery_token "http://127.0.0.1:$PORT")"
JAVA_PID=$(pgrep -P "$PID" java || echo "$PID")
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$JAVA_PID/status"; }

start=$(date +%s)
( while true; do echo "$(( $(date +%s) - start )) $(rss)"; sleep 30; done ) >"$DIR/rss.txt" &
SAMPLER=$!

echo "soak: $MINUTES min on $DB, 4 clients, server pid $JAVA_PID"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx256m -cp "$CP" \
  org.gallery.bench.SoakLoad "http://127.0.0.1:$PORT" "$MINUTES" 4 "$TOKEN"
echo "$(( $(date +%s) - start )) $(rss)" >>"$DIR/rss.txt"

echo "server log ERROR lines: $(grep -c ' ERROR ' "$DIR/serve.log" || true)"
grep -A3 ' ERROR ' "$DIR/serve.log" | head -40 || true
echo "RSS (MiB) every 30 s:"
awk '{printf "  %4d s %5d\n", $1, $2}' "$DIR/rss.txt"
# least-squares slope over the samples after the first minute (start-up and warm-up excluded)
awk '$1 >= 60 {n++; sx+=$1; sy+=$2; sxy+=$1*$2; sxx+=$1*$1}
     END {if (n > 1) printf "RSS slope after the first minute: %.2f MiB/min over %d samples\n", (n*sxy-sx*sy)/(n*sxx-sx*sx)*60, n;
          else print "RSS slope: too few samples"}' "$DIR/rss.txt"
