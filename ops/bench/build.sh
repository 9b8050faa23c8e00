# Sourced by the benchmarks, from the top of the checkout. Builds batch.jar and the compiled test classes
# (where the benchmarks' code lives) when either is missing or a pom, source or migration is newer than the
# jar: a benchmark must measure the checkout as it is, not an older build of it.
#   bench_build <a file or directory the benchmark needs from the test classes>
bench_build() {
  local jar=batch-jobs/target/batch.jar
  local newer
  newer="$(find pom.xml ./*/pom.xml batch-jobs/src web-console/src sql/src -type f -newer "$jar" -print -quit 2>/dev/null || true)"
  if [[ ! -f "$jar" || ! -e "$1" || -n "$newer" ]]; then
    echo "bench: building $jar and the benchmark classes${newer:+ ($newer is newer than the jar)}" >&2
    mvn -B -q -ntp -DskipTests install >&2
    # The jar plugin leaves an unchanged jar as it was, so a change to the tests alone
    # would look newer than the build for ever.
    touch "$jar"
  fi
}
