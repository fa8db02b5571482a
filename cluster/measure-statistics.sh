#!/usr/bin/env bash
# The driver's time for an ensemble's statistics: reduced on the driver (as before they went to the executors) and on
# Spark's executors, side by side in one JVM on the same members, alternately (StatisticsTiming); every round checks that
# both statistics files are bitwise the same. Needs the cluster module compiled with its dependencies' class path:
#   ./mvnw -B -o -q test-compile dependency:build-classpath -pl cluster -am -Dmdep.outputFile=target/classpath.txt
# Usage: cluster/measure-statistics.sh [MEMBERS] [MASTER] [ROUNDS]   (defaults 24, local[2], 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
members="${1:-24}"
master="${2:-local[2]}"
rounds="${3:-5}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp="$root/cluster/target/classes:$(cat "$root/cluster/target/classpath.txt")"
# shellcheck source=cluster/bench-ensemble.sh
source "$root/cluster/bench-ensemble.sh"
write_bench_ensemble "$work" "$members"
"$java" "${opts[@]}" -Dlog4j2.level=WARN -cp "$cp" org.ferrel.cluster.spark.StatisticsTiming "$work/ensemble.yaml" "$work/run" "$master" "$rounds" \
  2> >(grep -v -E ' (INFO|WARN) |^WARNING' >&2)
