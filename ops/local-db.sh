#!/usr/bin/env bash
# Local PostgreSQL 17 + TimescaleDB 2.19 (Debian's Apache-only build) for tests and benchmarks without Docker.
#
# Debian 12 ships no TimescaleDB, so the server comes from Debian 13 (trixie) packages installed in a
# `debootstrap --variant=minbase` chroot that is cached outside the source tree: the first start provisions it
# (about a minute, needs the Debian mirror), later starts take seconds. Being an Apache-only build, continuous
# aggregates and compression are refused here; ops/tsl-db.sh is the target for those.
#
# Usage (as root): ops/local-db.sh start|stop|status|url
#   start   provisions if needed, starts the server on 127.0.0.1 unless it is already running, creates role and
#           database `marketbase` (password `marketbase`, superuser, timescaledb extension created) and prints
#           the JDBC URL as the last line of stdout; progress goes to stderr
#   stop    stops the server (fast shutdown);  status  prints running/stopped (exit 0/3);  url  prints the JDBC URL
# Environment: MARKETBASE_DB_PORT (default 55432); MARKETBASE_CACHE (default /var/cache/marketbase, the chroot
# is MARKETBASE_CACHE/trixie); MARKETBASE_DEBIAN_MIRROR (default http://deb.debian.org/debian).
# Data survives stop/start; delete MARKETBASE_CACHE/trixie (server stopped) to start from scratch.
set -euo pipefail

readonly PORT="${MARKETBASE_DB_PORT:-55432}"
readonly CACHE_DIR="${MARKETBASE_CACHE:-/var/cache/marketbase}"
readonly ROOT="$CACHE_DIR/trixie"
readonly MIRROR="${MARKETBASE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
readonly PROVISION_LOG="$CACHE_DIR/trixie-provision.log"
readonly PACKAGES=(postgresql-17 postgresql-17-timescaledb)
# markers, written only after the step they stand for has succeeded
readonly BOOTSTRAPPED="$ROOT/.marketbase-bootstrapped"
readonly INSTALLED="$ROOT/.marketbase-installed"
# paths inside the chroot
readonly PGBIN=/usr/lib/postgresql/17/bin
readonly PGDATA=/var/lib/postgresql/17/main
readonly PGCONF=/etc/postgresql/17/main
readonly SERVER_LOG=/var/log/postgresql/marketbase.log
readonly DB=marketbase

say() { echo "local-db: $*" >&2; }
die() { say "$*"; exit 1; }

[[ "$PORT" =~ ^[0-9]+$ ]] || die "MARKETBASE_DB_PORT must be a port number, got '$PORT'"

jdbc_url() { printf 'jdbc:postgresql://127.0.0.1:%s/%s?user=%s&password=%s\n' "$1" "$DB" "$DB" "$DB"; }

require_root() { [[ "$(id -u)" -eq 0 ]] || die "must run as root (it uses debootstrap and chroot)"; }

# run a command inside the chroot with a clean environment, as root or as the postgres user
in_root() {
  chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
as_postgres() {
  local ids
  ids="$(awk -F: '$1 == "postgres" { print $3 ":" $4 }' "$ROOT/etc/passwd")"
  [[ -n "$ids" ]] || die "no postgres user in $ROOT; delete that folder and start again"
  chroot --userspec="$ids" "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME=/var/lib/postgresql "$@"
}
psql_admin() { as_postgres /usr/bin/psql -X -q -v ON_ERROR_STOP=1 -h /var/run/postgresql -p "$PORT" "$@"; }

# a server process must not hold on to the caller's pipes or to our lock (fd 9)
close_inherited_fds() {
  local fd
  for fd in "/proc/$BASHPID/fd/"*; do
    fd="${fd##*/}"
    if ((fd > 2)); then eval "exec $fd>&-"; fi
  done
}
pg_ctl() {
  (close_inherited_fds; as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" "$@") </dev/null >&2
}

# "pid port" of our running postmaster, from postmaster.pid, checked against the host's process table
running() {
  local pidfile="$ROOT$PGDATA/postmaster.pid" pid port
  [[ -r "$pidfile" ]] || return 1
  { read -r pid; read -r _; read -r _; read -r port; } <"$pidfile" || return 1
  [[ "$pid" =~ ^[0-9]+$ && "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres ]] || return 1
  printf '%s %s\n' "$pid" "$port"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

unmount_below() {
  local mnt
  # deepest first; debootstrap mounts /proc and /sys while it runs and may leave them behind when interrupted
  awk -v root="$1" 'index($2, root "/") == 1 { print $2 }' /proc/mounts | sort -r | while read -r mnt; do
    umount -l "$mnt" || true
  done
}

ensure_debootstrap() {
  command -v debootstrap >/dev/null && return
  say "installing debootstrap with apt-get"
  { apt-get update && apt-get install -y --no-install-recommends debootstrap; } >>"$PROVISION_LOG" 2>&1 \
    || die "debootstrap is missing and apt-get could not install it (no network to the Debian mirror?); log: $PROVISION_LOG"
  command -v debootstrap >/dev/null || die "debootstrap is missing and could not be installed; log: $PROVISION_LOG"
}

provision() {
  [[ -f "$INSTALLED" ]] && return
  mkdir -p "$CACHE_DIR"
  : >"$PROVISION_LOG"
  if [[ ! -f "$BOOTSTRAPPED" ]]; then
    if [[ -e "$ROOT" ]]; then
      say "removing the incomplete chroot left by an earlier attempt ($ROOT)"
      unmount_below "$ROOT"
      rm -rf --one-file-system "$ROOT"
    fi
    ensure_debootstrap
    say "first start: debootstrap of Debian trixie into $ROOT (about a minute; log: $PROVISION_LOG)"
    debootstrap --variant=minbase trixie "$ROOT" "$MIRROR" >>"$PROVISION_LOG" 2>&1 || {
      unmount_below "$ROOT"
      die "debootstrap of trixie from $MIRROR failed (no network to the Debian mirror?); log: $PROVISION_LOG"
    }
    unmount_below "$ROOT"
    touch "$BOOTSTRAPPED"
  fi

  say "installing ${PACKAGES[*]} in the chroot (log: $PROVISION_LOG)"
  # packages must not start services inside the chroot; we start the server ourselves
  printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
  chmod 755 "$ROOT/usr/sbin/policy-rc.d"
  in_root dpkg --configure -a >>"$PROVISION_LOG" 2>&1 || true
  in_root apt-get update >>"$PROVISION_LOG" 2>&1 \
    || die "apt-get update inside the chroot failed (no network to $MIRROR?); log: $PROVISION_LOG"
  in_root apt-get install -y --no-install-recommends "${PACKAGES[@]}" >>"$PROVISION_LOG" 2>&1 \
    || die "installing ${PACKAGES[*]} inside the chroot failed; log: $PROVISION_LOG"
  in_root apt-get clean >>"$PROVISION_LOG" 2>&1 || true
  [[ -x "$ROOT$PGBIN/pg_ctl" && -f "$ROOT/usr/lib/postgresql/17/lib/timescaledb.so" && -d "$ROOT$PGDATA" ]] \
    || die "packages installed but PostgreSQL 17 / TimescaleDB or the main cluster is missing; log: $PROVISION_LOG"
  touch "$INSTALLED"
  say "provisioned"
}

configure() {
  # the Debian postgresql.conf includes conf.d last, so these settings win
  cat >"$ROOT$PGCONF/conf.d/marketbase.conf" <<EOF
# written by local-db.sh on every start
listen_addresses = '127.0.0.1'
# loopback only: TLS would only cost CPU on every bulk load
ssl = off
port = $PORT
unix_socket_directories = '/var/run/postgresql'
shared_preload_libraries = 'timescaledb'
timescaledb.telemetry_level = off
max_connections = 100
shared_buffers = '512MB'
effective_cache_size = '4GB'
work_mem = '32MB'
maintenance_work_mem = '512MB'
max_wal_size = '4GB'
checkpoint_timeout = '15min'
max_worker_processes = 16
timescaledb.max_background_workers = 8
EOF
  install -d -o "$(stat -c %u "$ROOT$PGDATA")" -g "$(stat -c %g "$ROOT$PGDATA")" -m 2775 "$ROOT/run/postgresql"
}

create_role_and_database() {
  psql_admin -d postgres <<SQL
SELECT 'CREATE ROLE $DB' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB') \gexec
ALTER ROLE $DB WITH LOGIN SUPERUSER PASSWORD '$DB';
SELECT 'CREATE DATABASE $DB OWNER $DB' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB') \gexec
SQL
  psql_admin -d "$DB" -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION IF NOT EXISTS timescaledb'
}

cmd_start() {
  local state pid port
  require_root
  mkdir -p "$CACHE_DIR"
  exec 9>"$CACHE_DIR/local-db.lock"
  flock -w 900 9 || die "another local-db.sh is still busy (lock $CACHE_DIR/local-db.lock)"

  if state="$(running)"; then
    read -r pid port <<<"$state"
    [[ "$port" == "$PORT" ]] || say "already running on port $port (not $PORT); stop it first to change the port"
    jdbc_url "$port"
    return
  fi
  provision
  port_in_use "$PORT" && die "port $PORT on 127.0.0.1 is already in use by another program (set MARKETBASE_DB_PORT)"
  configure

  say "starting PostgreSQL 17 + TimescaleDB on 127.0.0.1:$PORT (server log: $ROOT$SERVER_LOG)"
  trap 'pg_ctl stop -m immediate -w >/dev/null 2>&1 || true' EXIT
  pg_ctl start -w -t 120 -l "$SERVER_LOG" -o "-c config_file=$PGCONF/postgresql.conf" \
    || die "PostgreSQL did not start; last server log line: $(tail -n 1 "$ROOT$SERVER_LOG" 2>/dev/null)"
  create_role_and_database || die "could not create role/database $DB; see $ROOT$SERVER_LOG"
  trap - EXIT
  jdbc_url "$PORT"
}

cmd_stop() {
  local state
  require_root
  if state="$(running)"; then
    pg_ctl stop -m fast -w -t 120 || die "pg_ctl stop failed; see $ROOT$SERVER_LOG"
    say "stopped (pid ${state% *})"
  else
    say "not running"
  fi
}

cmd_status() {
  local state
  require_root
  if state="$(running)"; then
    echo "running on 127.0.0.1:${state#* } (pid ${state% *})"
  else
    echo "stopped"
    return 3
  fi
}

cmd_url() {
  local state
  require_root
  if state="$(running)"; then jdbc_url "${state#* }"; else jdbc_url "$PORT"; fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) cmd_url ;;
  *) die "usage: $0 start|stop|status|url" ;;
esac
