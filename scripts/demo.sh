#!/usr/bin/env bash
# `make demo`: runs `samtal run` on the sample event and prints where the report is.
# Usage: bash scripts/demo.sh BIN EVENT_DIR OUT_DIR
set -euo pipefail

bin=${1:?usage: demo.sh BIN EVENT_DIR OUT_DIR}
event=${2:?usage: demo.sh BIN EVENT_DIR OUT_DIR}
out=${3:?usage: demo.sh BIN EVENT_DIR OUT_DIR}

if [ ! -x "$bin" ]; then
  echo "demo: $bin is not built; run 'make release' first" >&2
  exit 1
fi
if [ ! -d "$event" ]; then
  echo "demo: no sample event at $event; run 'make sample' to make it" >&2
  exit 1
fi

start=$(date +%s.%N)
report=$("$bin" run "$event" -o "$out")
end=$(date +%s.%N)
seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')

echo
echo "== Sammanfattning ($out/summary.md) =="
awk '/^## Sammanfattning/ { on = 1; next } /^## / { on = 0 } on && NF' "$out/summary.md"
echo
echo "samtal run took ${seconds} s. Outputs per table in $out/<table>/, for the whole event in $out/:"
for f in summary.md summary.json report.html transcript.vtt utterances.csv; do
  [ -e "$out/$f" ] && echo "  $out/$f"
done
echo
echo "Report: $report"
echo "Open it with: xdg-open '$report'  (or file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report"))"
