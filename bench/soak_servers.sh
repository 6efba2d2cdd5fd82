# Sourced by bench/soak.sh: a PostgreSQL and a Redis of the soak's own, on other ports, so that the outage drill
# stops and restarts only servers that nobody else uses.
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

# PostgreSQL refuses to run as root; the server then runs as the postgres user, in a folder it owns
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_own_servers() {
  [ -x "$PG_BIN/initdb" ] || { echo "outages need PostgreSQL's server binaries (initdb, pg_ctl)"; exit 1; }
  command -v redis-server >/dev/null || { echo "outages need redis-server"; exit 1; }
  PG_PORT=15432 REDIS_PORT=16379
  mkdir -p "$DIR/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres "$DIR" "$DIR/pg" && chmod 755 "$DIR"
  as_pg "$PG_BIN/initdb" -D "$DIR/pg" -A trust -U postgres >/dev/null
  pg_start
  OWN_PG=1
  redis_start
  OWN_REDIS=1
}

pg_start() {
  as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pg/server.log" -w \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $DIR/pg" start >/dev/null
}

redis_start() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --dir "$DIR" --logfile "$DIR/redis.log" >/dev/null
  until redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; do sleep 0.1; done
}

now_ms() { date +%s%3N; }

# Redis restarted a third into the run, PostgreSQL stopped for 20 s at half-time; each window is appended to $2
# when it ends, as "name start end" in epoch milliseconds.
drill_outages() {
  local seconds=$(( $1 * 60 )) began
  sleep $(( seconds / 3 ))
  began=$(now_ms)
  echo "[soak] restarting Redis" >&2
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  sleep 2
  redis_start
  echo "redis-restart $began $(now_ms)" >>"$2"
  sleep $(( seconds / 2 - seconds / 3 ))
  began=$(now_ms)
  echo "[soak] stopping PostgreSQL for 20 s" >&2
  as_pg "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null
  sleep 20
  pg_start
  echo "postgres-stop-20s $began $(now_ms)" >>"$2"
  echo "[soak] PostgreSQL is back" >&2
}
