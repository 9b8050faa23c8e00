#!/usr/bin/env bash
# TimescaleDB conformance target WITH the TSL (Community) library, for machines without Docker.
#
# The Debian TimescaleDB (ops/local-db.sh) is an Apache-only build, so continuous aggregates, compression and
# policies can only be checked here: PGlite (WASM PostgreSQL 17.5) with TimescaleDB 2.23.0-dev, served over the
# PostgreSQL wire protocol on 127.0.0.1. Limits (details in tsl-db/server.mjs): one connection at a time (a pool
# must hold one: run the application with marketbase.warehouse.single-session=true), any database name reaches the
# one in-memory database, a restart starts empty, and COPY FROM STDIN is refused with an SQL error
# (feature_not_supported; minute_1m writes by INSERT from arrays there). server.mjs serves the wire protocol itself,
# cutting the client's bytes into whole messages before PGlite sees them, so large statements and pipelined JDBC
# batches (executeBatch) work; the pglite-socket server it replaced passed each TCP read on as it came and died
# on both.
#
# Usage: ops/tsl-db.sh start|stop|status|url
#   start   installs the pinned npm packages if needed, starts the server in the background unless it is already
#           up (so it doubles as the restarter after a crash), waits for `SELECT 1`, prints the JDBC URL last
#   stop    stops it;  status  prints running/stopped (exit 0/3);  url  prints the JDBC URL
# Environment: MARKETBASE_TSL_PORT (default 55433); MARKETBASE_CACHE (default /var/cache/marketbase) holds the
# pid and log files in tsl-db/ (falls back to a folder under ${TMPDIR:-/tmp} when that is not writable).
# Needs node (20+), npm and psql.
set -euo pipefail

APP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/tsl-db"
readonly APP_DIR
readonly PORT="${MARKETBASE_TSL_PORT:-55433}"
readonly START_TIMEOUT=90

say() { echo "tsl-db: $*" >&2; }
die() { say "$*"; exit 1; }

[[ "$PORT" =~ ^[0-9]+$ ]] || die "MARKETBASE_TSL_PORT must be a port number, got '$PORT'"

runtime_dir() {
  local dir="${MARKETBASE_CACHE:-/var/cache/marketbase}/tsl-db"
  if ! { mkdir -p "$dir" 2>/dev/null && [[ -w "$dir" ]]; }; then
    dir="${TMPDIR:-/tmp}/marketbase-$(id -u)/tsl-db"
    mkdir -p "$dir" || die "cannot create a runtime folder ($dir)"
  fi
  printf '%s\n' "$dir"
}
RUN_DIR="$(runtime_dir)"
readonly RUN_DIR
readonly PID_FILE="$RUN_DIR/server-$PORT.pid"
readonly LOG_FILE="$RUN_DIR/server-$PORT.log"
readonly CONNINFO="host=127.0.0.1 port=$PORT user=postgres password=postgres dbname=postgres sslmode=disable"

jdbc_url() { printf 'jdbc:postgresql://127.0.0.1:%s/postgres?user=postgres&password=postgres&sslmode=disable\n' "$PORT"; }

# pid of our server on this port, if it is alive (the command line guards against a recycled pid)
live_pid() {
  local pid
  [[ -f "$PID_FILE" ]] || return 1
  pid="$(<"$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'server\.mjs' || return 1
  printf '%s\n' "$pid"
}

# a background server must not hold on to the caller's pipes or to our lock (fd 9)
close_inherited_fds() {
  local fd
  for fd in "/proc/$BASHPID/fd/"*; do
    fd="${fd##*/}"
    if ((fd > 2)); then eval "exec $fd>&-"; fi
  done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

answers() { timeout 15 psql -X -q -At "$CONNINFO" -c 'SELECT 1' 2>/dev/null | grep -qx 1; }

need_tools() {
  local tool
  for tool in node npm psql; do
    command -v "$tool" >/dev/null || die "$tool is not installed (needed: node 20+, npm, psql)"
  done
}

install_packages() {
  # npm ci only when node_modules is missing or older than the lock file
  if [[ -f "$APP_DIR/node_modules/.package-lock.json" && \
        ! "$APP_DIR/package-lock.json" -nt "$APP_DIR/node_modules/.package-lock.json" ]]; then
    return
  fi
  say "installing npm packages (npm ci)"
  (cd "$APP_DIR" && npm ci --no-audit --no-fund --loglevel=error) >&2 \
    || die "npm ci failed in $APP_DIR (no network to the npm registry?)"
}

stop_pid() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cmd_start() {
  local pid i
  need_tools
  exec 9>"$RUN_DIR/server-$PORT.lock"
  flock -w 120 9 || die "another tsl-db.sh is busy on port $PORT"

  if pid="$(live_pid)"; then
    # one connection at a time: a busy server looks like a slow one, so never kill a live one here
    answers || say "server (pid $pid) is running but did not answer within 15 s (busy with another client?)"
    jdbc_url
    return
  fi
  rm -f "$PID_FILE"
  port_in_use "$PORT" && die "port $PORT on 127.0.0.1 is already in use by another program (set MARKETBASE_TSL_PORT)"
  install_packages

  say "starting PGlite TimescaleDB on 127.0.0.1:$PORT (log: $LOG_FILE)"
  printf '\n=== %s start\n' "$(date -Is)" >>"$LOG_FILE"
  (close_inherited_fds; cd "$APP_DIR" && MARKETBASE_TSL_PORT="$PORT" exec setsid nohup node server.mjs) \
    >>"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  trap 'stop_pid "$pid"; rm -f "$PID_FILE"' EXIT

  for ((i = 0; i < START_TIMEOUT; i++)); do
    kill -0 "$pid" 2>/dev/null || die "server exited during start-up: $(tail -n 1 "$LOG_FILE")"
    if answers; then
      trap - EXIT
      say "ready after ${i}s"
      jdbc_url
      return
    fi
    sleep 1
  done
  die "server did not answer SELECT 1 within ${START_TIMEOUT}s (log: $LOG_FILE)"
}

cmd_stop() {
  local pid
  if pid="$(live_pid)"; then
    stop_pid "$pid"
    say "stopped (pid $pid)"
  else
    say "not running"
  fi
  rm -f "$PID_FILE"
}

cmd_status() {
  local pid
  if pid="$(live_pid)"; then
    echo "running on 127.0.0.1:$PORT (pid $pid)"
  else
    echo "stopped"
    return 3
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) jdbc_url ;;
  *) die "usage: $0 start|stop|status|url" ;;
esac
