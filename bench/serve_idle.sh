#!/usr/bin/env bash
# Start-up time and idle memory of `gallery serve` (on demand): a fresh embedded SQLite store each run, then the
# time of a command-line tool (`gallery db current`) on that store.
#   bench/serve_idle.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
./gallery build >/dev/null
runs="${1:-3}"
port=18002
for i in $(seq 1 "$runs"); do
  dir="$(mktemp -d)"
  start=$(date +%s%N)
  STORAGE_ROOT="$dir" API_PORT=$port ./gallery serve >"$dir/serve.log" 2>&1 &
  pid=$!
  python3 bench/wait_healthy.py "$port" "$pid" || { echo "serve exited; see $dir/serve.log"; exit 1; }
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 5
  java_pid=$(pgrep -P "$pid" java || echo "$pid")
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$java_pid/status")
  echo "run $i: healthy after ${ready} ms, idle RSS ${rss} MiB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  start=$(date +%s%N)
  STORAGE_ROOT="$dir" ./gallery db current >/dev/null
  echo "       db current took $(( ($(date +%s%N) - start) / 1000000 )) ms"
  rm -rf "$dir"
done
