#!/usr/bin/env bash
# Runs an embedscope-spark job on local[*] (every core of this machine) with the Spark jars from Maven,
# no Spark installation: spark/run-local.sh stats|inspect|project INPUT [options]. Builds the module first
# when it is missing or older than the sources. JAVA_OPTS (e.g. -Xmx8g) reaches the JVM.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/spark/target/embedscope-spark.jar"
cp_file="$root/spark/target/classpath.txt"
# a class-data archive of the classes a job loads (Spark, Parquet, the engine): later starts map it instead of
# loading some 10,000 classes from jars, about 4 s less per run on two cores
jsa="$root/spark/target/embedscope-spark.jsa"

stale() {
  [ ! -f "$jar" ] || [ ! -f "$cp_file" ] && return 0
  [ -n "$(find "$root/pom.xml" "$root/engine" "$root/spark" \( -path '*/target' -prune \) -o \
      \( -type f \( -name '*.java' -o -name 'pom.xml' \) -newer "$jar" -print \) 2>/dev/null | head -n 1)" ]
}

if stale; then
  echo "embedscope-spark: building the job jar (the first time downloads Spark's jars; a few minutes)..." >&2
  log="$(mktemp)"
  if ! ( cd "$root" && mvn -q -B -DskipTests install -pl spark -am \
        && mvn -q -B dependency:build-classpath -pl spark -Dmdep.includeScope=provided \
           -Dmdep.outputFile="$cp_file" ) >"$log" 2>&1; then
    echo "embedscope-spark: the build failed; its log follows" >&2
    cat "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
  rm -f "$jsa"
  touch "$jar"
fi

# the JVM options Spark's own launcher adds on Java 17, from the module's pom
opens="$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' "$root/spark/pom.xml")"
run() {
  # shellcheck disable=SC2086
  java $opens ${JAVA_OPTS:-} -Dlog4j2.configurationFile="$root/spark/conf/log4j2.properties" \
    -cp "$jar:$(cat "$cp_file")" "$@"
}

if [ -f "$jsa" ] && { [ "$jar" -nt "$jsa" ] || [ "$cp_file" -nt "$jsa" ]; }; then
  rm -f "$jsa"   # recorded for other jars: the JVM would ignore it
fi
if [ ! -f "$jsa" ]; then
  # record the archive once, from a small inspect of the embedded sample (reading, statistics, a shuffle)
  echo "embedscope-spark: recording the classes a job loads, for faster starts (once per build; under a minute)..." >&2
  tmp="$(mktemp -d)"
  if run dev.embedscope.spark.SparkMain convert sample --out "$tmp/sample.parquet" >/dev/null 2>&1 \
      && run -XX:ArchiveClassesAtExit="$jsa.tmp" -Xlog:cds*=off dev.embedscope.spark.SparkMain inspect \
         "$tmp/sample.parquet" --out "$tmp/inspect.json" >/dev/null 2>&1; then
    mv "$jsa.tmp" "$jsa"
  fi
  rm -rf "$tmp" "$jsa.tmp"
fi
cds=()
if [ -f "$jsa" ]; then
  cds=(-XX:SharedArchiveFile="$jsa" -Xlog:cds*=off)
fi
run "${cds[@]}" dev.embedscope.spark.SparkMain "$@"
