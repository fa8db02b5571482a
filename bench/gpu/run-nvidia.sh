#!/usr/bin/env bash
# Ferrel's OpenCL device check on a machine with an NVIDIA GPU and no JDK, Maven or network.
# Copy bench/gpu/target/ferrel-gpu-bundle.tar.gz there (built by bench/gpu/build-bundle.sh), then:
#   tar xzf ferrel-gpu-bundle.tar.gz && ferrel-gpu-bundle/run-nvidia.sh [--device P:D] [--no-timing]
# It probes for the GPU (nvidia-smi), the NVIDIA OpenCL library (libnvidia-opencl.so.1), an ICD loader
# (libOpenCL.so.1) and the ICD files, makes the loader visible to JOCL (which opens libOpenCL.so),
# registers the NVIDIA library with a private ICD folder when the driver did not, and runs the device
# check (parity against the Java backend, then timings) with the bundled Java runtime, in well under
# five minutes. Everything is printed and kept in gpu-check-<host>-<time>.txt (RESULTS= to choose).
# Exit status: the check's (0 passed, 1 a check failed, 2 no usable OpenCL device), 124 on timeout.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundle=$here
if [ ! -x "$bundle/runtime/bin/java" ]; then
  bundle=$here/target/ferrel-gpu-bundle
fi
if [ ! -x "$bundle/runtime/bin/java" ]; then
  echo "run-nvidia: no bundle beside this script; build it with bench/gpu/build-bundle.sh on a machine with JDK 25" >&2
  exit 2
fi
results=${RESULTS:-$PWD/gpu-check-$(hostname)-$(date -u +%Y%m%dT%H%M%SZ).txt}
log() { echo "$*" | tee -a "$results"; }
log "== Ferrel GPU check, $(date -u +%Y-%m-%dT%H:%M:%SZ), host $(hostname), bundle $bundle"

# the GPU and its driver
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | sed 's/^/gpu: /' | tee -a "$results"
else
  log "gpu: nvidia-smi not found"
fi

# a library by name: ldconfig's cache first, then the usual folders
find_library() {
  local name=$1 found
  found=$(ldconfig -p 2>/dev/null | awk -v n="$name" '$1 == n { print $NF; exit }')
  if [ -z "$found" ]; then
    for dir in /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib /usr/local/nvidia/lib64 /usr/local/cuda/lib64 \
               /usr/local/cuda/targets/x86_64-linux/lib /run/nvidia/driver/usr/lib/x86_64-linux-gnu; do
      if [ -e "$dir/$name" ]; then found=$dir/$name; break; fi
    done
  fi
  echo "$found"
}
nvidia_opencl=$(find_library libnvidia-opencl.so.1)
log "nvidia opencl library: ${nvidia_opencl:-NOT FOUND, the driver has no OpenCL part: see docs/gpu.md}"
loader=$(find_library libOpenCL.so.1)
log "icd loader: ${loader:-not found, using the bundled ocl-icd loader}"
if ls /etc/OpenCL/vendors/*.icd >/dev/null 2>&1; then
  for icd in /etc/OpenCL/vendors/*.icd; do log "icd file: $icd -> $(cat "$icd")"; done
else
  log "icd files: none in /etc/OpenCL/vendors"
fi

# JOCL opens libOpenCL.so: a private folder on LD_LIBRARY_PATH links it to the loader
libdir=$(mktemp -d)
trap 'rm -rf "$libdir" "${vendors:-}"' EXIT
if [ -z "$loader" ]; then
  loader=$bundle/lib/libOpenCL.so.1
fi
ln -s "$loader" "$libdir/libOpenCL.so"
ln -s "$loader" "$libdir/libOpenCL.so.1"
export LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# the driver's library without an ICD file: register it in a private ICD folder
if [ -n "$nvidia_opencl" ] && ! grep -qs nvidia /etc/OpenCL/vendors/*.icd; then
  vendors=$(mktemp -d)
  echo "$nvidia_opencl" > "$vendors/nvidia.icd"
  export OCL_ICD_VENDORS=$vendors
  log "icd: registered $nvidia_opencl through OCL_ICD_VENDORS=$vendors"
fi

"$bundle/runtime/bin/java" -version 2>&1 | head -1 | sed 's/^/java: /' | tee -a "$results"
timeout "${TIME_LIMIT:-280}" "$bundle/runtime/bin/java" -Xss8m --add-modules jdk.incubator.vector \
  --enable-native-access=ALL-UNNAMED -jar "$bundle/ferrel-gpu-check.jar" "$@" 2>&1 | tee -a "$results"
status=${PIPESTATUS[0]}
log "== exit status $status; results in $results"
exit "$status"
