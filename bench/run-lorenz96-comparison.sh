#!/usr/bin/env bash
# Runs Ferrel's JMH benchmarks and the same Lorenz-96 gradient and shallow-water scheme in PyTorch in one go,
# on this machine, and leaves the raw results in bench/results/.
#   bench/run-lorenz96-comparison.sh            # full run (about 12 minutes)
#   QUICK=1 bench/run-lorenz96-comparison.sh    # fewer iterations (about 2 minutes)
# Needs JDK 25 (JAVA_HOME) and, for the peer, Debian's python3-torch (/usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export PATH="$JAVA_HOME/bin:$PATH"
results=bench/results
mkdir -p "$results"
./mvnw -B -q package -DskipTests -pl bench -am
jar=bench/target/benchmarks.jar
jmh_opts=()
if [ "${QUICK:-0}" = 1 ]; then jmh_opts=(-wi 3 -i 3 -w 1 -r 1); fi

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($(nproc) cores)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "python: $(/usr/bin/python3 --version 2>&1)"
} > "$results/machine.txt"
cat "$results/machine.txt"

java -cp "$jar" org.ferrel.bench.Lorenz96Reference "$results/lorenz96-x0.txt" | tee "$results/ferrel-lorenz96.json"
java -jar "$jar" "Lorenz96Benchmark|RecordingBenchmark" "${jmh_opts[@]}" \
  -rf json -rff "$results/jmh.json" | tee "$results/jmh.txt" | grep -E '^(Benchmark|Lorenz96|Recording)'
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  /usr/bin/python3 bench/pytorch/lorenz96_gradient.py "$results/lorenz96-x0.txt" 20 | tee "$results/pytorch-lorenz96.json"
else
  echo "python3-torch not installed: skipping the PyTorch peer (apt-get install python3-torch)" >&2
fi

# The shallow-water scheme side by side (case 5, 10 steps; Ferrel at 2.8 and 1.4 degrees, on 1 and 2
# threads, with the SIMD kernels as bin/ferrel runs them; PyTorch at 2.8 degrees on 1 and 2 threads)
java --add-modules=jdk.incubator.vector -cp "$jar" org.ferrel.bench.ShallowWaterReference "$results" \
  | tee "$results/ferrel-shallow-water.json"
java -jar "$jar" ShallowWaterBenchmark -p degrees=2.8125,1.40625 -p threads=1,2 -f 2 "${jmh_opts[@]}" \
  -rf json -rff "$results/jmh-shallow-water.json" | tee "$results/jmh-shallow-water.txt" | grep -E '^(Benchmark|ShallowWater)'
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  for threads in 1 2; do /usr/bin/python3 bench/pytorch/shallow_water.py "$results" 20 "$threads"; done \
    | tee "$results/pytorch-shallow-water.json"
fi
