#!/usr/bin/env bash
# Prepares, on this machine, what bench/device-run.sh needs on a lent GPU machine (no Java, no
# internet there): a jlink'ed Java runtime, the project's jars with JOCL (no ND4J), the
# OpenCL ICD loader from Debian's ocl-icd-libopencl1, and the PCA-50 projection of Fashion-MNIST.
# Everything lands in bench/device/ (ignored by git; carried with the run tool's `carry`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dev="$root/bench/device"
cd "$root"
mvn -q -B -DskipTests install
mvn -q -B -DskipTests dependency:copy-dependencies -pl bench -DincludeScope=runtime -DoutputDirectory="$dev/all-lib"
rm -rf "$dev/lib" "$dev/jre" "$dev/ocl"
mkdir -p "$dev/lib" "$dev/ocl"
cp bench/target/embedscope-bench-*.jar "$dev/lib/"
# no ND4J: the device path never loads it (checked below), and the tree that travels is limited to
# 64 MiB in all; JTransforms (with JLargeArrays and commons-math3) for the CPU rows' FFT repulsion
for jar in embedscope-engine embedscope-gpu jocl slf4j-api slf4j-simple JTransforms JLargeArrays commons-math3; do
  cp "$dev"/all-lib/${jar}*.jar "$dev/lib/"
done
rm -rf "$dev/all-lib"
jlink --add-modules java.base,java.logging,java.management,jdk.management,jdk.unsupported --strip-debug --no-man-pages \
  --no-header-files --compress=2 --output "$dev/jre"
( cd "$dev/ocl" && apt-get download ocl-icd-libopencl1 >/dev/null 2>&1 && dpkg -x ocl-icd-libopencl1_*.deb x \
  && cp x/usr/lib/x86_64-linux-gnu/libOpenCL.so.1.* libOpenCL.so.1 && cp libOpenCL.so.1 libOpenCL.so \
  && rm -rf x ./*.deb )
classpath="bench/target/embedscope-bench-0.1.0-SNAPSHOT.jar:$(ls cli/target/lib/*.jar | tr '\n' ':')"
[ -f "$dev/data/pca50.npy" ] || java -cp "$classpath" \
  dev.embedscope.bench.DevicePrepare "$dev/data" fashion-mnist
du -sh "$dev"/* "$dev"
# the kit must run as it will there: from bench/device alone, on whatever OpenCL device is here
if [ -d /etc/OpenCL/vendors ] && [ -n "$(ls /etc/OpenCL/vendors 2>/dev/null)" ]; then
  OCL_ICD_VENDORS=/etc/OpenCL/vendors "$root/bench/device-run.sh" 1500,70500 --max-seconds 90 | tail -n 12
fi
