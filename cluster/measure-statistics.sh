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
cat > "$work/scenario.yaml" <<'YAML'
name: bench
grid: {resolution: 11.25}
dynamics: {timeStep: 30 minutes}
terms:
  drag: {rate: 1e-6}
  hyperdiffusion: {coefficient: 1e17}
initial: {case: williamson5}
run: {length: 5 days}
output: {interval: 12 hours, variables: [h, u, v]}
restart: {interval: 5 days}
YAML
cat > "$work/ensemble.yaml" <<YAML
name: bench
scenario: scenario.yaml
members: $members
seed: 1
sampling:
  method: latin-hypercube
  parameters:
    - {name: drag.rate, min: 1e-7, max: 5e-6}
perturbation: {amplitude: 10, correlationLength: 2e6}
YAML
opts=(--add-modules=jdk.incubator.vector -XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Dio.netty.tryReflectionSetAccessible=true)
"$java" "${opts[@]}" -Dlog4j2.level=WARN -cp "$cp" org.ferrel.cluster.spark.StatisticsTiming "$work/ensemble.yaml" "$work/run" "$master" "$rounds" \
  2> >(grep -v -E ' (INFO|WARN) |^WARNING' >&2)
