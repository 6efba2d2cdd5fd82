#!/usr/bin/env bash
# Start-up against its floor (on demand): `gallery serve` healthy after a restart on an existing store and after a
# first start on a fresh one, side by side with the smallest Spring Boot service that has the pieces Gallery cannot
# do without (bench/startup-floor: web server, actuator, a jOOQ pool on SQLite, one endpoint reading the database),
# built, unpacked and cached ahead of time the same way, started with the same JVM options. Also the JVM alone.
# Prints the median of RUNS starts each, the main thread's CPU time, the JIT compilers' and the ratios.
#   bench/startup_floor.sh [RUNS]     default: 5
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
source bench/java.sh
./gallery build >/dev/null
JVM_OPTS=(--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms32m)
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

FLOOR=bench/startup-floor/target
# made again when its sources or the JVM options change (a cache only fits the options it was made with)
if [ ! -f "$FLOOR/run/floor.aot" ] || [ bench/startup-floor/pom.xml -nt "$FLOOR/run/floor.aot" ] \
    || [ "$(cat "$FLOOR/run/floor.opts" 2>/dev/null)" != "${JVM_OPTS[*]}" ]; then
  (cd bench/startup-floor && mvn -B -q -DskipTests package >/dev/null)
  rm -rf "$FLOOR/run"
  "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$FLOOR/floor.jar" extract --destination "$FLOOR/run" >/dev/null
  (cd "$WORK" && "$JAVA_HOME/bin/java" "${JVM_OPTS[@]}" -XX:AOTCacheOutput="$OLDPWD/$FLOOR/run/floor.aot" \
      -Dfloor.training=true -jar "$OLDPWD/$FLOOR/run/floor.jar" --server.port=0 \
      --spring.datasource.url="jdbc:sqlite:$WORK/train.db" >"$WORK/train.log" 2>&1)
  echo "${JVM_OPTS[*]}" >"$FLOOR/run/floor.opts"
fi

port=18007
# one start: prints "wall_ms main_cpu_s jit_cpu_s" once the health endpoint answers, then stops the service
measure() {
  local start pid ms
  start=$(date +%s%N)
  "$@" >"$WORK/start.log" 2>&1 &
  pid=$!
  python3 bench/wait_healthy.py "$port" "$pid" || { tail -n 20 "$WORK/start.log"; echo "the service exited" >&2; exit 1; }
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  local java_pid; java_pid=$(pgrep -P "$pid" java || echo "$pid")
  local t main=0 jit=0
  for t in /proc/"$java_pid"/task/*; do
    # a thread that ended since the listing is skipped
    local name cpu; name="$(cat "$t/comm" 2>/dev/null)" && cpu=$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null) || continue
    case "$name" in java) main=$((main + cpu)) ;; C1*|C2*) jit=$((jit + cpu)) ;; esac
  done
  echo "$ms $main $jit"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
report() {
  printf "%-46s healthy after %5d ms   main thread %4.1f s CPU   JIT %4.1f s CPU\n" "$1" \
    "$(cut -d' ' -f1 "$2" | median)" "$(cut -d' ' -f2 "$2" | median | awk '{print $1 / 100}')" \
    "$(cut -d' ' -f3 "$2" | median | awk '{print $1 / 100}')"
}

load="$(cut -d' ' -f1-3 /proc/loadavg)"
store="$WORK/store"
STORAGE_ROOT="$store" API_PORT=$port measure ./gallery serve >/dev/null   # creates the store
for i in $(seq 1 "$RUNS"); do
  STORAGE_ROOT="$store" API_PORT=$port measure ./gallery serve >>"$WORK/restart"
  fresh="$WORK/fresh-$i"
  STORAGE_ROOT="$fresh" API_PORT=$port measure ./gallery serve >>"$WORK/first"
  rm -rf "$fresh"
  measure "$JAVA_HOME/bin/java" "${JVM_OPTS[@]}" -XX:AOTCache="$FLOOR/run/floor.aot" -XX:+UnlockDiagnosticVMOptions \
    -XX:-AOTReplayTraining -Xmx512m -jar "$FLOOR/run/floor.jar" --server.port=$port --server.address=127.0.0.1 \
    --spring.datasource.url="jdbc:sqlite:$WORK/floor.db" >>"$WORK/floor"
done
t0=$(date +%s%N); "$JAVA_HOME/bin/java" "${JVM_OPTS[@]}" -version >/dev/null 2>&1
echo "load average before: $load; $RUNS starts each, medians"
printf "%-46s %5d ms\n" "the JVM alone (java -version)" "$(( ($(date +%s%N) - t0) / 1000000 ))"
report "floor: Spring Boot web + actuator + jOOQ" "$WORK/floor"
report "gallery serve, restart on an existing store" "$WORK/restart"
report "gallery serve, first start on a fresh store" "$WORK/first"
f=$(cut -d' ' -f1 "$WORK/floor" | median); r=$(cut -d' ' -f1 "$WORK/restart" | median)
awk -v r="$r" -v f="$f" 'BEGIN {printf "gallery restart / floor: %.2fx\n", r / f}'
