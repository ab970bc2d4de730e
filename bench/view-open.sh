#!/usr/bin/env bash
# The interactive view of all 70,000 Fashion-MNIST images: its file size, the time to write it, and the time headless
# Chromium takes from navigation to every point drawn (the page records it in data-drawn-ms), three times.
# usage: bench/view-open.sh [EMB.npy]   (default: embeds fashion-mnist first into bench/large/fm-70000.npy)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/large
emb="${1:-bench/large/fm-70000.npy}"
if [ ! -f "$emb" ]; then
  ./embedscope embed fashion-mnist --out "$emb"
fi
page=bench/large/fm-70000-view.html
/usr/bin/time -f "view written: %e s wall, %M KB peak RSS" ./embedscope view "$emb" fashion-mnist --out "$page"
echo "size: $(stat -c %s "$page") bytes"
grep -o 'Thumbnails for [^"]*' "$page" || echo "thumbnails: all points"
profile="$(mktemp -d)"
for run in 1 2 3; do
  start=$(date +%s.%N)
  drawn=$(chromium --headless --no-sandbox --disable-gpu --user-data-dir="$profile" --window-size=1400,900 \
      --dump-dom "file://$PWD/$page" 2>/dev/null | grep -o 'data-drawn-ms="[0-9]*"' | head -n 1)
  end=$(date +%s.%N)
  echo "run $run: $drawn (from navigation), $(echo "$end - $start" | bc) s whole Chromium process"
done
rm -rf "$profile"
