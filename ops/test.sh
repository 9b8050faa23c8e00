#!/usr/bin/env bash
# The whole test suite, as a newcomer and CI run it: starts the local TimescaleDB (Apache build, from a
# Debian trixie chroot) and the TSL conformance target, then runs unit and integration tests in all three
# warehouse modes (plain PostgreSQL is embedded in the test JVM) and the console's browser test in Chromium.
# Needs root for the first start (it provisions the chroot and installs Chromium), JDK 17+, Maven, node and
# npm. Extra arguments go to Maven.
#
#   ops/test.sh                 # everything
#   ops/test.sh -Dit.test=Bar*  # one integration test class
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# psql is how the scripts check that a database answers; a fresh Debian has no client.
if ! command -v psql >/dev/null && [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "test: installing the PostgreSQL client (psql)" >&2
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql-client; } >/dev/null \
    || { echo "test: could not install postgresql-client with apt-get" >&2; exit 1; }
fi
# The console's browser test drives Debian's Chromium through playwright-core (which downloads no browser).
if [[ ! -x /usr/bin/chromium ]] && [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "test: installing Chromium for the console's browser test" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null \
    || { echo "test: could not install chromium with apt-get" >&2; exit 1; }
fi
[[ -x /usr/bin/chromium ]] || { echo "test: /usr/bin/chromium is missing; install Debian's chromium package" >&2; exit 1; }
for tool in java mvn node npm psql; do
  command -v "$tool" >/dev/null || { echo "test: '$tool' is not installed; see README.md, Set-up" >&2; exit 1; }
done

e2e=web-console/src/test/e2e
if [[ ! -f $e2e/node_modules/.package-lock.json ]] || [[ $e2e/package-lock.json -nt $e2e/node_modules/.package-lock.json ]]; then
  echo "test: installing the browser test's npm packages ($e2e)" >&2
  npm ci --prefix "$e2e" --no-audit --no-fund >/dev/null || { echo "test: npm ci in $e2e failed" >&2; exit 1; }
fi

databases="$(ops/test-databases.sh)" || exit 1
set -a
eval "$databases"
set +a
# The application and the tests read the TimescaleDB the way any Spring Boot app does.
export SPRING_DATASOURCE_URL="$MARKETBASE_APACHE_URL"

exec mvn -B -ntp verify "$@"
