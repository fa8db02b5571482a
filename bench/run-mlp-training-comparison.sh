#!/usr/bin/env bash
# One MLP training step (32 -> 64 -> 64 -> 8, tanh, float64, batch 256, MSE, Adam) in Ferrel (JMH) and in
# PyTorch (Debian's python3-torch) in one run, on this machine; raw results in bench/results/.
#   bench/run-mlp-training-comparison.sh           # about 2 minutes
#   QUICK=1 bench/run-mlp-training-comparison.sh   # fewer iterations
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export PATH="$JAVA_HOME/bin:$PATH"
results=bench/results
mkdir -p "$results"
./mvnw -B -q -o package -DskipTests -pl bench -am
jmh_opts=()
if [ "${QUICK:-0}" = 1 ]; then jmh_opts=(-wi 3 -i 3 -w 1 -r 1); fi
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($(nproc) cores)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "python: $(/usr/bin/python3 --version 2>&1)"
} > "$results/machine-mlp.txt"
cat "$results/machine-mlp.txt"
java -jar bench/target/benchmarks.jar MlpTrainingBenchmark "${jmh_opts[@]}" -rf json -rff "$results/jmh-mlp.json" \
  | tee "$results/jmh-mlp.txt" | grep -E '^(Benchmark|MlpTraining)'
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  /usr/bin/python3 bench/pytorch/mlp_training.py 200 | tee "$results/pytorch-mlp.json"
else
  echo "python3-torch not installed: skipping the PyTorch peer (apt-get install python3-torch)" >&2
fi
