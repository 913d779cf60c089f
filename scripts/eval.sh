#!/usr/bin/env bash
# Runs every evaluation in scripts/eval/ (one per stage) with the release binary.
# Usage: scripts/eval.sh BIN SHARED_DIR. Reports go to stdout and out/eval/.
set -euo pipefail
bin=$(realpath "$1"); shared=$(realpath "$2")
[ -d "$shared/data" ] || { echo "eval: $shared/data not found; set SHARED=/path/to/shared" >&2; exit 1; }
mkdir -p out/eval
status=0
for s in scripts/eval/*.sh; do
  [ -e "$s" ] || continue
  echo "== $(basename "$s" .sh)"
  bash "$s" "$bin" "$shared" || { echo "eval: $s failed" >&2; status=1; }
done
exit $status
