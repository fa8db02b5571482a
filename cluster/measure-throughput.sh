#!/usr/bin/env bash
# Members per hour of `ferrel ensemble` on local[1], local[2] and a standalone Spark cluster on this
# machine (a master and two one-core workers started from cluster/target/lib, bound to 127.0.0.1), and
# a plain Java loop over the same members without Spark (SerialEnsemble, which also reduces their statistics in its
# JVM), for the per-task overhead.
# Needs the README's set-up build (./mvnw -B -q package -DskipTests). Usage: cluster/measure-throughput.sh [MEMBERS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
members="${1:-24}"
lib="$root/cluster/target/lib"
jar="$root/cli/target/ferrel.jar"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do pkill -KILL -P "$p" 2>/dev/null || true; kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=cluster/bench-ensemble.sh
source "$root/cluster/bench-ensemble.sh"
write_bench_ensemble "$work" "$members"

report() { # label seconds
  awk -v l="$1" -v s="$2" -v n="$members" 'BEGIN { printf "%-28s %3d members in %7.2f s: %6.0f members/hour (%.3f s per member)\n", l, n, s, n / s * 3600, s / n }'
}
timed() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>"$work/last.err" || { cat "$work/last.err" >&2; exit 1; }; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }

report "plain Java loop (1 thread)" "$(timed "$java" "${opts[@]}" -cp "$lib/*:$jar" org.ferrel.cluster.ensemble.SerialEnsemble "$work/ensemble.yaml" "$work/plain")"
for master in 'local[1]' 'local[2]'; do
  report "ferrel ensemble $master" "$(timed "$root/bin/ferrel" ensemble "$work/ensemble.yaml" --master "$master" -o "$work/out-$master")"
done

# a standalone cluster: master and two workers with one core each
mkdir -p "$work/spark-home/jars"
ln -s "$lib"/*.jar "$work/spark-home/jars/"
export SPARK_HOME="$work/spark-home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
port=$((20000 + RANDOM % 20000))
"$java" "${opts[@]}" -cp "$lib/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port $((port + 1)) >"$work/master.log" 2>&1 &
pids+=($!)
for k in 1 2; do
  sleep 2
  "$java" "${opts[@]}" -cp "$lib/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g \
    --webui-port $((port + 1 + k)) --work-dir "$work/worker$k" "spark://127.0.0.1:$port" >"$work/worker$k.log" 2>&1 &
  pids+=($!)
done
sleep 5
export FERREL_JAVA_OPTS="-Dspark.driver.host=127.0.0.1 -Dspark.executor.extraClassPath=$jar -Dspark.executor.memory=512m"
report "ferrel ensemble standalone" "$(timed "$root/bin/ferrel" ensemble "$work/ensemble.yaml" --master "spark://127.0.0.1:$port" -o "$work/out-cluster")"
for f in "$work"/plain/member-*.nc; do
  for d in "out-local[1]" "out-local[2]" out-cluster; do cmp -s "$f" "$work/$d/$(basename "$f")" || { echo "$d/$(basename "$f") differs" >&2; exit 1; }; done
done
for d in "out-local[1]" "out-local[2]" out-cluster; do
  cmp -s "$work/plain/ensemble-statistics.nc" "$work/$d/ensemble-statistics.nc" || { echo "$d/ensemble-statistics.nc differs" >&2; exit 1; }
done
echo "every member and the statistics bitwise the same in all four runs"
