#!/usr/bin/env bash
# Regenerates the sample event in samples/event/ from the scripts in samples/script/.
# Deterministic: rerunning gives byte-identical files (same espeak-ng, sox and flac versions).
# Needs espeak-ng, sox, flac and python3 (`bash scripts/install-deps.sh` installs them).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for tool in espeak-ng sox flac python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "make-sample: $tool is missing; run: bash scripts/install-deps.sh" >&2
    exit 1
  fi
done

export LC_ALL=C.UTF-8
python3 "$here/script/synthesize.py" "$here/script/table-1.txt" "$here/event/table-1" 1
python3 "$here/script/synthesize.py" "$here/script/table-2.txt" "$here/event/table-2" 2
