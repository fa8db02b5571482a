# Sourced by cluster/measure-throughput.sh and cluster/measure-statistics.sh: the benchmark ensemble and the JVM options
# Spark needs on Java 25.
# write_bench_ensemble DIR MEMBERS: DIR/scenario.yaml (an 11.25° case 5 with drag and hyperdiffusion, 5 days, 11 records of
# h, u, v) and DIR/ensemble.yaml (a Latin hypercube over the drag rate with perturbed initial depths)
write_bench_ensemble() {
  cat > "$1/scenario.yaml" <<'YAML'
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
  cat > "$1/ensemble.yaml" <<YAML
name: bench
scenario: scenario.yaml
members: $2
seed: 1
sampling:
  method: latin-hypercube
  parameters:
    - {name: drag.rate, min: 1e-7, max: 5e-6}
perturbation: {amplitude: 10, correlationLength: 2e6}
YAML
}
opts=(--add-modules=jdk.incubator.vector -XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Dio.netty.tryReflectionSetAccessible=true)
