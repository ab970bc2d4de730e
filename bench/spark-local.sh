#!/usr/bin/env bash
# The Spark jobs on all 70,000 Fashion-MNIST images on local[N] (default: local[2]) against the single-machine
# commands on the same images: wall time and peak RSS of the whole process, one run each, as a Markdown table.
# Usage: bench/spark-local.sh [MASTER]. Writes its Parquet copy of the data to bench/large/fm.parquet once.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
master="${1:-local[2]}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
parquet="$root/bench/large/fm.parquet"
mkdir -p "$root/bench/large"
spark=("$root/spark/run-local.sh" --master "$master")
"$root/embedscope" --version >/dev/null   # build both first, outside the timings
"${spark[@]}" --version >/dev/null
if [ ! -d "$parquet" ]; then
  "${spark[@]}" convert fashion-mnist --out "$parquet" >&2
fi

measure() { # leaves "seconds KB" of the command in $work/<name>
  local name="$1"
  shift
  if ! /usr/bin/time -f "%e %M" -o "$work/$name" "$@" >"$work/out" 2>"$work/err"; then
    cat "$work/err" >&2
    exit 1
  fi
}

echo "| command | single machine | Spark $master | ratio | peak RSS (single / Spark) |"
echo "|---|---|---|---|---|"
row() {
  local name="$1"
  read -r s1 m1 <"$work/$name.single"
  read -r s2 m2 <"$work/$name.spark"
  printf "| %s | %.1f s | %.1f s | %.1f× | %d / %d MB |\n" "$name" "$s1" "$s2" "$(echo "$s2 / $s1" | bc -l)" \
    $((m1 / 1024)) $((m2 / 1024))
}
measure stats.single "$root/embedscope" stats fashion-mnist --out "$work/a.json"
measure stats.spark "${spark[@]}" stats "$parquet" --split-column split --out "$work/b.json"
row stats
measure inspect.single "$root/embedscope" inspect fashion-mnist --json "$work/c.json"
measure inspect.spark "${spark[@]}" inspect "$parquet" --split-column split --out "$work/d.json"
row inspect
measure compare.single "$root/embedscope" compare fashion-mnist --out "$work/e"
measure compare.spark "${spark[@]}" compare "$parquet" --split-column split --out "$work/f.json"
row compare
measure project "${spark[@]}" project "$parquet" --split-column split --out "$work/projected"
read -r s m <"$work/project"
printf "| project (PCA-50 fitted on train, all rows written as shards) | (no twin) | %.1f s | | %d MB |\n" \
  "$s" $((m / 1024))
measure embed "$root/embedscope" embed "$work/projected" --out "$work/emb.npy" --quality
read -r s m <"$work/embed"
grep -E "10-NN accuracy" "$work/out" >&2 || true
printf "| embed of the projection's shards (single machine) | %.1f s | | | %d MB |\n" "$s" $((m / 1024))
