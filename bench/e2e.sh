#!/usr/bin/env bash
# End-to-end t-SNE benchmark on Fashion-MNIST (Debian package dataset-fashion-mnist):
# the first N of the 60,000 training images, followed by the 10,000 test images when N = 70,000,
# default settings. Prints wall time, peak RSS, KL and 10-NN accuracy.
#   bench/e2e.sh 20000      bench/e2e.sh 70000
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:?usage: bench/e2e.sh N}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
if [ "$n" -ge 70000 ]; then
  rows=(--split all)
else
  rows=(--split train --sample "$n" --first)
fi
"$root/embedscope" --version >/dev/null   # build first, outside the timing
/usr/bin/time -f "%e %M" -o "$out/time" "$root/embedscope" embed fashion-mnist "${rows[@]}" --quality \
  --out "$out/emb.npy" --json "$out/run.json" > "$out/stdout"
read -r wall rss < "$out/time"
python3 - "$out/run.json" "$wall" "$rss" "$n" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
wall, rss, n = float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
q = r["quality"]
t = r["seconds"]
print(f"N={r['points']} wall={wall:.1f}s peakRSS={rss/1024:.0f}MB KL={r['kl']:.4f} "
      f"10NN-accuracy={q['knnAccuracy']:.3f} "
      f"trustworthiness={q['trustworthiness']:.4f} preservation={q['knnPreservation']:.3f} "
      f"(load {t['load']:.1f}s, pca {t['pca']:.1f}s, knn {t['knn']:.1f}s, affinities {t['affinities']:.1f}s, "
      f"optimisation {t['optimization']:.1f}s, quality {t['quality']:.1f}s)")
PY
