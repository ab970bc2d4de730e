#!/usr/bin/env bash
# End-to-end t-SNE benchmark, default settings, one process per run; prints wall time, peak RSS, KL,
# the neighbour search and its recall, and 10-NN accuracy.
#   N < 70,000:  the first N of Fashion-MNIST's 60,000 training images (Debian's dataset-fashion-mnist)
#   N = 70,000:  all of Fashion-MNIST, train then test
#   N > 70,000:  bench/large/images-N.npy, made by LargeSet when missing (the 70,000 images, then
#                images derived from them by seeded rotations, shifts and noise), streamed (--stream on)
# Extra arguments go to `embedscope embed` (e.g. --method fft, --knn exact).
#   bench/e2e.sh 70000      bench/e2e.sh 1000000      bench/e2e.sh 70000 --knn exact
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:?usage: bench/e2e.sh N [embed options]}"
shift
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$root/embedscope" --version >/dev/null   # build first, outside the timing
if [ "$n" -gt 70000 ]; then
  large="$root/bench/large"
  if [ ! -f "$large/images-$n.npy" ]; then
    ( cd "$root" && mvn -q -B -o -DskipTests install -pl bench -am >/dev/null 2>&1 \
        || mvn -q -B -DskipTests install -pl bench -am >/dev/null )
    java -cp "$root/bench/target/embedscope-bench-0.1.0-SNAPSHOT.jar:$(ls "$root"/cli/target/lib/*.jar | tr '\n' ':')" \
      dev.embedscope.bench.LargeSet "$large" "$n" 1 2>/dev/null | tail -n 1
  fi
  data=("$large/images-$n.npy" --labels "$large/labels-$n.npy" --stream on)
elif [ "$n" -eq 70000 ]; then
  data=(fashion-mnist --split all)
else
  data=(fashion-mnist --split train --sample "$n" --first)
fi
/usr/bin/time -f "%e %M" -o "$out/time" "$root/embedscope" embed "${data[@]}" --quality "$@" \
  --out "$out/emb.npy" --json "$out/run.json" > "$out/stdout"
read -r wall rss < "$out/time"
python3 - "$out/run.json" "$wall" "$rss" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
wall, rss = float(sys.argv[2]), int(sys.argv[3])
q, t, nb = r["quality"], r["seconds"], r["neighbours"]
k = int(3 * r['options']['neighbours']['perplexity'])
recall = "" if nb["sampledRows"] == 0 else f" recall@{k}={nb['recall']:.3f}"
print(f"N={r['points']} wall={wall:.1f}s peakRSS={rss/1024:.0f}MB KL={r['kl']:.4f} "
      f"10NN-accuracy={q['knnAccuracy']:.3f} "
      f"trustworthiness={q['trustworthiness']:.4f} preservation={q['knnPreservation']:.3f} "
      f"knn={nb['method'].split(' ')[0]}{recall} repulsion={r['backend']['repulsion'].split(',')[0]} "
      f"(load {t['load']:.1f}s, pca {t['pca']:.1f}s, knn {t['knn']:.1f}s, affinities {t['affinities']:.1f}s, "
      f"optimisation {t['optimization']:.1f}s, quality {t['quality']:.1f}s)")
PY
