#!/usr/bin/env bash
# Local RabbitMQ (Debian 12's rabbitmq-server 3.10) for remote workers, tests and benchmarks without Docker.
#
# The package comes from apt on first start (it needs the Debian mirror once). The broker runs as our own node,
# not the package's service: it listens on 127.0.0.1 only, keeps its data under MARKETBASE_CACHE/rabbitmq, and
# its Erlang distribution and epmd are bound to loopback as well.
#
# Usage (as root): ops/broker.sh start|stop|status|url
#   start   installs if needed, starts the broker unless it is already running, creates the user `marketbase`
#           (password `marketbase`) and prints the amqp:// URL as the last line of stdout; progress goes to stderr
#   stop    stops the broker;  status  prints running/stopped (exit 0/3);  url  prints the amqp:// URL
# Environment: MARKETBASE_BROKER_PORT (default 29672; the node's distribution port is one above it; the node is
# named after the port, so a node started under another port is stopped with that port set);
# MARKETBASE_BROKER_START_WAIT (seconds a start waits for the node, default 300); MARKETBASE_CACHE (default
# /var/cache/marketbase). Queues survive stop/start; delete
# MARKETBASE_CACHE/rabbitmq (broker stopped) to start from scratch.
set -euo pipefail

# Below Linux's ephemeral range (32768-60999): a port in it can be held, for a moment, by the local end of any
# outgoing connection (a busy test suite makes thousands), and the node then dies on a listener it cannot bind.
# Below Kubernetes' node ports (30000-32767) as well, which kube-proxy may redirect on loopback.
readonly PORT="${MARKETBASE_BROKER_PORT:-29672}"
# A first boot initialises the node's database; on two busy cores it has taken over two minutes.
readonly START_WAIT="${MARKETBASE_BROKER_START_WAIT:-300}"
readonly CACHE_DIR="${MARKETBASE_CACHE:-/var/cache/marketbase}"
readonly HOME_DIR="$CACHE_DIR/rabbitmq"
readonly LOG="$HOME_DIR/broker.log"
readonly BIN=/usr/lib/rabbitmq/bin
readonly USER_NAME=marketbase

say() { echo "broker: $*" >&2; }
die() { say "$*"; exit 1; }

[[ "$PORT" =~ ^[0-9]+$ ]] && ((PORT > 0 && PORT < 65535)) || die "MARKETBASE_BROKER_PORT must be a port number below 65535, got '$PORT'"
[[ "$START_WAIT" =~ ^[0-9]+$ ]] && ((START_WAIT > 0 && START_WAIT <= 3600)) || die "MARKETBASE_BROKER_START_WAIT must be 1 to 3600 seconds, got '$START_WAIT'"

amqp_url() { printf 'amqp://%s:%s@127.0.0.1:%s\n' "$USER_NAME" "$USER_NAME" "$PORT"; }

# The node's own environment: every command (server, ctl) must agree on the node name, cookie and folders.
node_env() {
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME="$HOME_DIR" \
    RABBITMQ_NODENAME="marketbase-$PORT@localhost" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$PORT" RABBITMQ_DIST_PORT="$((PORT + 1))" \
    ERL_EPMD_ADDRESS=127.0.0.1 RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}' \
    RABBITMQ_MNESIA_BASE="$HOME_DIR/mnesia" RABBITMQ_LOG_BASE="$HOME_DIR/log" \
    RABBITMQ_CONFIG_FILE="$HOME_DIR/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$HOME_DIR/enabled_plugins" \
    RABBITMQ_PID_FILE="$HOME_DIR/broker.pid" "$@"
}
ctl() { node_env "$BIN/rabbitmqctl" -q "$@"; }

require_root() { [[ "$(id -u)" -eq 0 ]] || die "must run as root (it installs a Debian package)"; }

install() {
  [[ -x "$BIN/rabbitmq-server" ]] && return
  require_root
  mkdir -p "$CACHE_DIR"
  say "installing rabbitmq-server with apt-get (log: $CACHE_DIR/rabbitmq-install.log)"
  # The package must not start its own service (on every address); we start our node ourselves.
  local policy=/usr/sbin/policy-rc.d
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy"
    # removed however the install ends: left behind, it would stop every service start on the machine
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  local ok=0
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rabbitmq-server; } \
    >"$CACHE_DIR/rabbitmq-install.log" 2>&1 || ok=$?
  # the package's own service (every address, user guest) must not start at the next boot either
  if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
    systemctl disable --now rabbitmq-server >/dev/null 2>&1 || true
  fi
  update-rc.d rabbitmq-server disable >/dev/null 2>&1 || true
  ((ok == 0)) && [[ -x "$BIN/rabbitmq-server" ]] \
    || die "rabbitmq-server could not be installed (no network to the Debian mirror?); log: $CACHE_DIR/rabbitmq-install.log"
}

running() { [[ -x "$BIN/rabbitmqctl" ]] && ctl status >/dev/null 2>&1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# a server process must not hold on to the caller's pipes (a test waiting for our stdout would never end)
close_inherited_fds() {
  local fd
  for fd in "/proc/$BASHPID/fd/"*; do
    fd="${fd##*/}"
    if ((fd > 2)); then eval "exec $fd>&-"; fi
  done
}

# A process that has ended may stay a zombie where nothing reaps orphans (PID 1 in a container).
alive() { [[ -r "/proc/$1/stat" ]] && [[ "$(sed 's/.*) //' "/proc/$1/stat" | cut -c1)" != Z ]]; }

# Starts the node and waits until it has booted; fails (status 1) as soon as the node's process ends first.
launch() {
  say "starting RabbitMQ on 127.0.0.1:$PORT (log: $LOG)"
  local pid_file="$HOME_DIR/server.pid"
  # where this launch's output begins, for start's look at why it failed
  LAUNCH_LOG_START="$(stat -c %s "$LOG" 2>/dev/null || echo 0)"
  rm -f "$pid_file"
  (close_inherited_fds; node_env setsid "$BIN/rabbitmq-server" </dev/null >>"$LOG" 2>&1 & echo $! >"$pid_file")
  local pid waited=0
  pid="$(cat "$pid_file")"
  until running; do
    alive "$pid" || return 1
    ((waited++ < START_WAIT)) || die "RabbitMQ did not start within $START_WAIT s; log: $LOG"
    sleep 1
  done
  # The node answers before its listeners are up; one that cannot bind its port dies during this wait.
  node_env "$BIN/rabbitmqctl" -q await_startup --timeout "$START_WAIT" >/dev/null 2>&1 && return 0
  # a node that failed to boot ends once it has written its crash dump
  for waited in 1 2 3 4 5 6 7 8 9 10; do
    alive "$pid" || return 1
    sleep 1
  done
  die "RabbitMQ did not finish starting; log: $LOG"
}

start() {
  mkdir -p "$CACHE_DIR"
  # one start at a time: two would race for apt's lock and for the node
  exec 8>"$CACHE_DIR/broker.lock"
  flock -w 600 8 || die "another ops/broker.sh start has held $CACHE_DIR/broker.lock for 10 minutes"
  install
  mkdir -p "$HOME_DIR/log" "$HOME_DIR/mnesia"
  if running; then
    say "already running on 127.0.0.1:$PORT"
  else
    port_in_use "$PORT" && die "port $PORT on 127.0.0.1 is taken by something else; set MARKETBASE_BROKER_PORT"
    # Remote partitions can run for long: the consumer acknowledgement timeout must not redeliver a partition
    # that is still running (the default is 30 minutes), so it is raised to a day; heartbeats find dead workers.
    printf 'listeners.tcp.1 = 127.0.0.1:%s\nconsumer_timeout = 86400000\n' "$PORT" \
      >"$HOME_DIR/rabbitmq.conf"
    printf '[].\n' >"$HOME_DIR/enabled_plugins"
    chmod 600 "$HOME_DIR/rabbitmq.conf"
    local attempt
    for attempt in 1 2 3; do
      launch && break
      # A listener that cannot be bound is retried: the port may have been held only for a moment.
      # grep reads it all (no -q): tail must not die of a closed pipe, which pipefail would count
      ((attempt < 3)) && tail -c "+$((LAUNCH_LOG_START + 1))" "$LOG" | grep could_not_start_listener >/dev/null \
        || die "RabbitMQ stopped while starting; log: $LOG"
      say "the node could not listen on 127.0.0.1:$PORT; trying again"
      sleep 2
    done
  fi
  if ! ctl list_users 2>/dev/null | grep -q "^$USER_NAME[[:space:]]"; then
    ctl add_user "$USER_NAME" "$USER_NAME" >/dev/null
    ctl set_user_tags "$USER_NAME" administrator >/dev/null
    ctl set_permissions -p / "$USER_NAME" '.*' '.*' '.*' >/dev/null
  fi
  # the default guest/guest administrator is not wanted, on loopback or anywhere
  if ctl list_users 2>/dev/null | grep -q "^guest[[:space:]]"; then
    ctl delete_user guest >/dev/null 2>&1 || true
  fi
  amqp_url
}

stop() {
  if ! running; then
    say "not running"
    return
  fi
  ctl stop >/dev/null 2>&1 || die "RabbitMQ did not stop; log: $LOG"
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if running; then echo running; else echo stopped; exit 3; fi
    ;;
  url) amqp_url ;;
  *) die "usage: ops/broker.sh start|stop|status|url" ;;
esac
