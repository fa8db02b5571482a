#!/usr/bin/env bash
# The primitive-equation runs of docs/validation.md, in one go: the Jablonowski-Williamson baroclinic
# wave at 5.6 and 2.8 degrees (L20, 10 days, surface-pressure maps at days 7 and 9), the l2 difference
# of their surface pressures, and the 30-day steady state at 5.6 degrees with and without diffusion.
#   bench/run-primitive-equation-validation.sh [OUT]     (OUT: ferrel-out/primitive-validation)
# About an hour on two busy cores, most of it the 2.8-degree wave. Needs JDK 25 (JAVA_HOME, or the
# Temurin 25 of these machines).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] || ! "${JAVA_HOME}/bin/java" -version 2>&1 | grep -q '"25'; then
  if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  else
    echo "run-primitive-equation-validation: needs a JDK 25; set JAVA_HOME to one" >&2
    exit 1
  fi
fi
java="$JAVA_HOME/bin/java"
out="${1:-ferrel-out/primitive-validation}"
./mvnw -B -q package -DskipTests -pl bench -am
jar=bench/target/benchmarks.jar
figures=org.ferrel.bench.figures.PrimitiveEquationFigures
"$java" -cp "$jar" "$figures" wave 5.625 20 600 10 "$out"
"$java" -cp "$jar" "$figures" wave 2.8125 20 300 10 "$out"
"$java" -cp "$jar" "$figures" compare "$out/jw-wave-5.6deg-L20-ps.nc" "$out/jw-wave-2.8deg-L20-ps.nc" 10
"$java" -cp "$jar" "$figures" steady 5.625 20 600 30 "$out"
"$java" -cp "$jar" "$figures" steady 5.625 20 600 30 "$out" 0
echo "maps, sections and NetCDF files in $out" >&2
