#!/usr/bin/env bash
# Runs on the lent GPU machine from what bench/device-prepare.sh put in bench/device/: lists the
# OpenCL devices, checks every kernel against the CPU, and prints one table, backend x method x N,
# for Fashion-MNIST (PCA 50; past 70,000 rows, seeded jittered copies made here) with kNN recall,
# times, iterations per second, 10-NN accuracy and a per-iteration kernel profile. No ND4J, no
# Maven, no internet needed. --max-seconds bounds the whole run (default 270).
#   bench/device-run.sh [70000,250000,1000000] [--max-seconds 270] [--methods fft,exact] [--no-cpu]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dev="$root/bench/device"
icd="$(mktemp -d)"
lib="$(ldconfig -p 2>/dev/null | awk '/libnvidia-opencl\.so\.1/ {print $NF; exit}')"
if [ -z "$lib" ]; then
  # container runtimes mount the driver under /usr/local/nvidia; distributions under /usr/lib*
  lib="$(ls /usr/local/nvidia/lib64/libnvidia-opencl.so.1 /usr/local/nvidia/lib/libnvidia-opencl.so.1 \
    /usr/lib/x86_64-linux-gnu/libnvidia-opencl.so.1 /usr/lib64/libnvidia-opencl.so.1 \
    /usr/lib/libnvidia-opencl.so.1 2>/dev/null | head -n 1 || true)"
fi
if [ -z "$lib" ]; then
  lib="$(find /usr /opt -maxdepth 6 -name 'libnvidia-opencl.so*' 2>/dev/null | head -n 1 || true)"
fi
if [ -n "$lib" ]; then
  echo "$lib" > "$icd/nvidia.icd"
  export OCL_ICD_VENDORS="$icd"
  echo "OpenCL ICD: $lib"
elif [ -d /etc/OpenCL/vendors ]; then
  export OCL_ICD_VENDORS=/etc/OpenCL/vendors
  echo "OpenCL ICD: /etc/OpenCL/vendors ($(ls /etc/OpenCL/vendors | tr '\n' ' '))"
else
  echo "OpenCL ICD: none found (no libnvidia-opencl.so.1, no /etc/OpenCL/vendors)"
fi
export LD_LIBRARY_PATH="$dev/ocl:${LD_LIBRARY_PATH:-}"
# an OpenCL compiler's own SIGSEGV handler would kill the JVM the next time HotSpot uses SIGSEGV: chain them
export LD_PRELOAD="$dev/jre/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"
mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 1024 / 2 ))
sizes=70000,250000,1000000
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then sizes="$1"; shift; fi
exec "$dev/jre/bin/java" -Xmx"${mem}"g -Djava.awt.headless=true -cp "$dev/lib/*" \
  dev.embedscope.bench.DeviceRun "$dev/data" "$sizes" "$@"
