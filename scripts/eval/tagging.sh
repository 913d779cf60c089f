#!/usr/bin/env bash
# Tagging evaluation: themes and actors, emotions and polarity (cross-validated on utterances-sv/dev.jsonl),
# BRIGHTER-sv dev, the XED-sv dev split, SuperLim absabank-imm dev, and speed.
# Usage: scripts/eval/tagging.sh BIN SHARED (SHARED holds data/). Reports: out/eval/tagging.{md,json}
set -euo pipefail
bin=$1; shared=$2
mkdir -p out/eval
"$bin" eval tag --shared "$shared/data" --task themes --task emotions --task polarity --task brighter \
  --task xed --task absabank --task speed -q -o out/eval/tagging.md --json-output out/eval/tagging.json
cat out/eval/tagging.md
# Targets (issue 5): five-emotion macro-F1 ≥ 0.70 and themes ≥ 0.75 (CV), BRIGHTER-sv dev ≥ 0.45.
python3 - out/eval/tagging.json <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
def macro(task, dataset):
    for s in r["sections"]:
        if s["task"] == task and s["dataset"].startswith(dataset):
            return s.get("macroF1")
checks = [("five emotions (CV)", macro("emotions", "utterances"), 0.70),
          ("BRIGHTER-sv dev", macro("basic emotions", "BRIGHTER"), 0.45),
          ("themes (CV)", macro("themes", "utterances"), 0.75)]
for name, value, target in checks:
    verdict = "met" if value is not None and value >= target else "NOT met"
    print(f"target {name}: macro-F1 {value:.3f} vs ≥ {target:.2f}: {verdict}")
PY
