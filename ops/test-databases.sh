#!/usr/bin/env bash
# Starts both test databases of a machine without Docker and prints their JDBC URLs as shell assignments:
#   the Apache-only TimescaleDB (ops/local-db.sh) and the TSL conformance target (ops/tsl-db.sh).
# Tests read MARKETBASE_APACHE_URL / MARKETBASE_TSL_URL, so this is the one call a developer or CI makes first:
#
#   set -a; eval "$(ops/test-databases.sh)"; set +a        # as root
#
# stdout is exactly two lines, values single-quoted so that eval keeps the '&' in the URLs:
#   MARKETBASE_APACHE_URL='jdbc:postgresql://127.0.0.1:55432/marketbase?user=marketbase&password=marketbase'
#   MARKETBASE_TSL_URL='jdbc:postgresql://127.0.0.1:55433/postgres?user=postgres&password=postgres&sslmode=disable'
# Both servers are left running, so a second call returns at once. On failure: one line on stderr, exit 1.
# The environment variables of ops/local-db.sh and ops/tsl-db.sh (ports, cache folder) apply.
set -euo pipefail

OPS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly OPS_DIR

# start_db LABEL SCRIPT: prints the URL (last stdout line of SCRIPT start); on failure the script's own last
# stderr line (which names what is missing) becomes our one-line error
start_db() {
  local label="$1" script="$2" err url rc=0
  err="$(mktemp)"
  echo "test-databases: starting the $label database ($script start)" >&2
  url="$("$OPS_DIR/$script" start 2>"$err" | tail -n 1)" || rc=$?
  if ((rc != 0)) || [[ "$url" != jdbc:postgresql://* ]]; then
    echo "test-databases: $label database did not start: $(tail -n 1 "$err")" >&2
    rm -f "$err"
    return 1
  fi
  rm -f "$err"
  printf '%s\n' "$url"
}

# the first local-db.sh start provisions a Debian trixie chroot: about a minute, progress in its provisioning log
apache_url="$(start_db Apache-only local-db.sh)" || exit 1
tsl_url="$(start_db TSL tsl-db.sh)" || exit 1
printf "MARKETBASE_APACHE_URL='%s'\n" "$apache_url"
printf "MARKETBASE_TSL_URL='%s'\n" "$tsl_url"
