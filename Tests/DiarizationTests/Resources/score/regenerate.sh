#!/usr/bin/env bash
# Regenerates the expected scores in this folder with pyannote.metrics (via `peers score`).
# Run from the repository root:  bash Tests/DiarizationTests/Resources/score/regenerate.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# The shared folder sits beside the clone (../shared); set SHARED=/path/to/shared otherwise.
shared="${SHARED:-$(cd "$here/../../../.." && pwd)/../shared}"
peers="$shared/tools/peers/peers"
[[ -x "$peers" ]] || { echo "regenerate.sh: $peers not found; set SHARED" >&2; exit 2; }
run() {  # name ref hyp [options]
    local name="$1" ref="$2" hyp="$3"; shift 3
    "$peers" score "$here/$ref" "$here/$hyp" "$@" 2>/dev/null > "$here/expected-$name.json.tmp"
    mv "$here/expected-$name.json.tmp" "$here/expected-$name.json"
    echo "expected-$name.json"
}
run dscore-plain ref.rttm sys.rttm
run dscore-collar0.5 ref.rttm sys.rttm --collar 0.5
run dscore-skip-overlap ref.rttm sys.rttm --skip-overlap
run dscore-uem ref.rttm sys.rttm --uem "$here/test_load.uem"
run dscore-collar0.5-skip-overlap ref.rttm sys.rttm --collar 0.5 --skip-overlap
run dscore-collar0.25-uem ref.rttm sys.rttm --collar 0.25 --uem "$here/test_load.uem"
run edge-plain edge-ref.rttm edge-hyp.rttm
run edge-collar0.5 edge-ref.rttm edge-hyp.rttm --collar 0.5
run edge-skip-overlap edge-ref.rttm edge-hyp.rttm --skip-overlap
run edge-uem edge-ref.rttm edge-hyp.rttm --uem "$here/edge.uem"
run edge-self edge-ref.rttm edge-ref.rttm
