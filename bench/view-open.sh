#!/usr/bin/env bash
# The interactive view of all 70,000 Fashion-MNIST images: its file size, the time to write it, the time headless
# Chromium takes from navigation to every point drawn (the page records it in data-drawn-ms) and one redraw
# (data-redraw-ms, what a pan or zoom step costs), three times.
# usage: bench/view-open.sh [EMB.npy [DATA [view options…]]]
#   default: embeds fashion-mnist first into bench/large/fm-70000.npy; e.g. for a million points:
#   bench/view-open.sh bench/large/fake-1m.npy bench/large/fake-1m.csv --label-column label
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/large
emb="${1:-bench/large/fm-70000.npy}"
data="${2:-fashion-mnist}"
shift $(( $# > 2 ? 2 : $# ))
if [ ! -f "$emb" ]; then
  ./embedscope embed fashion-mnist --out "$emb"
fi
page="${emb%.npy}-view.html"
/usr/bin/time -f "view written: %e s wall, %M KB peak RSS" ./embedscope view "$emb" "$data" --out "$page" "$@"
echo "size: $(stat -c %s "$page") bytes"
grep -o 'Thumbnails for [^"]*' "$page" || echo "thumbnails: none sampled"
profile="$(mktemp -d)"
for run in 1 2 3; do
  start=$(date +%s.%N)
  drawn=$(chromium --headless --no-sandbox --disable-gpu --user-data-dir="$profile" --window-size=1400,900 \
      --dump-dom "file://$PWD/$page" 2>/dev/null \
      | grep -o 'data-drawn-ms="[0-9]*"\|data-redraw-ms="[0-9.,]*"' | tr '\n' ' ')
  end=$(date +%s.%N)
  echo "run $run: $drawn (from navigation), $(echo "$end - $start" | bc) s whole Chromium process"
done
rm -rf "$profile"
