#!/usr/bin/env bash
# Times `inspect` of a generated messy table (bench/make-table.py): wall time and peak RSS of the whole process.
# usage: bench/table-inspect.sh [ROWS]   (default 1000000; the table is written once to bench/large/)
# JAVA_OPTS is passed on, e.g. JAVA_OPTS=-Xmx1g bench/table-inspect.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
table="bench/large/table-$rows.csv"
mkdir -p bench/large
if [ ! -f "$table" ]; then
  python3 bench/make-table.py "$rows" "$table"
fi
./embedscope inspect sample > /dev/null   # builds the tool first, outside the timing
/usr/bin/time -f "inspect of $rows rows: %e s wall, %M KB peak RSS" ./embedscope inspect "$table" --label-column label \
  > "bench/large/table-$rows.inspect.txt"
echo "report: bench/large/table-$rows.inspect.txt"
