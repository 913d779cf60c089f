#!/usr/bin/env bash
# Theme and actor tagging on utterances-sv/dev.jsonl: per-label precision/recall/F1 and macro-F1
# for the codebook + trained layer (5-fold cross-validation), the codebook alone, and the actor
# gazetteer. Target (issue 5): theme macro-F1 ≥ 0.75.
# Usage: scripts/eval/tagging-themes.sh BIN SHARED. Reports: out/eval/tagging-themes.{md,json}
set -euo pipefail
bin=$1; shared=$2
mkdir -p out/eval
dev="$shared/data/utterances-sv/dev.jsonl"
"$bin" tag "$dev" --evaluate -q -o out/eval/tagging-themes.md
"$bin" tag "$dev" --evaluate --json -q -o out/eval/tagging-themes.json
cat out/eval/tagging-themes.md
python3 - out/eval/tagging-themes.json <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
m = {s["task"]: s.get("macroF1") for s in r["sections"]}
v = m.get("themes")
print(f"target themes (CV): macro-F1 {v:.3f} vs ≥ 0.75: {'met' if v is not None and v >= 0.75 else 'NOT met'}")
print(f"actors (gazetteer): macro-F1 {m.get('actors', 0):.3f}")
PY
