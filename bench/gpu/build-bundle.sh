#!/usr/bin/env bash
# Builds bench/gpu/target/ferrel-gpu-bundle.tar.gz for a machine with a GPU but no JDK, Maven or
# network (see docs/gpu.md): a jlinked JDK 25 runtime with the modules the check needs, the device
# check jar (gpu-opencl/target/ferrel-gpu-check.jar), a fallback OpenCL ICD loader (ocl-icd's
# libOpenCL.so.1, BSD-2-Clause) and run-nvidia.sh. Fails if the archive reaches 64 MiB.
# Run here, on a machine with JDK 25: bench/gpu/build-bundle.sh   (MVN_OFFLINE= to let Maven download)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${JAVA_HOME:-}" ] || ! "${JAVA_HOME}/bin/java" -version 2>&1 | grep -q '"25'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -x "$candidate/bin/jlink" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/jlink" ]; then
  echo "build-bundle: a JDK 25 with jlink is needed; set JAVA_HOME" >&2
  exit 1
fi
./mvnw -B -q ${MVN_OFFLINE--o} package -pl gpu-opencl -am -DskipTests
jar=gpu-opencl/target/ferrel-gpu-check.jar
target=bench/gpu/target
out=$target/ferrel-gpu-bundle
rm -rf "$out" "$target/ferrel-gpu-bundle.tar.gz"
mkdir -p "$out/lib"
modules=$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps "$jar")
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-9 --output "$out/runtime"
cp "$jar" "$out/"
cp bench/gpu/run-nvidia.sh "$out/"
loader=$(ls /usr/lib/x86_64-linux-gnu/libOpenCL.so.1 2>/dev/null || true)
if [ -n "$loader" ]; then
  cp -L "$loader" "$out/lib/libOpenCL.so.1"
else
  echo "build-bundle: no ICD loader libOpenCL.so.1 here to carry as a fallback (apt-get install ocl-icd-libopencl1)" >&2
fi
tar -C "$target" -czf "$target/ferrel-gpu-bundle.tar.gz" ferrel-gpu-bundle
bytes=$(stat -c %s "$target/ferrel-gpu-bundle.tar.gz")
echo "bundle: $target/ferrel-gpu-bundle.tar.gz, $bytes bytes (runtime modules: $modules)"
if [ "$bytes" -ge $((64 * 1024 * 1024)) ]; then
  echo "build-bundle: the bundle is over 64 MiB" >&2
  exit 1
fi
