#!/usr/bin/env bash
# Speed of `samtal tag`: 10 000 utterances on one core (target: under 1 s).
# Usage: scripts/bench/tagging.sh BIN SHARED   (BIN = release samtal binary, SHARED = ../shared)
#
# The input is generated deterministically from utterances-sv/dev.jsonl: utterance i is the text
# of item (i mod 160) followed by the first sentence of item (7i + 3 mod 160), so the texts vary
# and are realistic in length and vocabulary (mean ≈ 30 words). Reports the CPU time (user +
# system, best of 3; the target's figure) and wall time of tagging 10 000 utterances, the CPU time
# of the same command on 1 utterance (start-up: loading the word lists, the codebook, the
# gazetteer and the models), and their difference (the tagging itself). Includes the emotion
# stage (`EmotionAnalyzer`), JSON reading and writing.
set -euo pipefail
bin=$(realpath "$1"); shared=$(realpath "$2")
dev="$shared/data/utterances-sv/dev.jsonl"
[ -r "$dev" ] || { echo "bench/tagging: $dev not found" >&2; exit 1; }
out=${BENCH_OUT:-out/bench}
mkdir -p "$out"
input="$out/tagging-10000.jsonl"
one="$out/tagging-1.jsonl"

python3 - "$dev" "$input" <<'PY'
import json, sys
items = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
n = len(items)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i in range(10000):
        a = items[i % n]["text"]
        b = items[(i // n + 7 * i + 3) % n]["text"].split(". ")[0].rstrip(".") + "."
        f.write(json.dumps({"id": f"b{i:05d}", "text": a + " " + b}, ensure_ascii=False) + "\n")
PY
head -n 1 "$input" > "$one"

# One core: pin to CPU 0 when taskset exists.
pin=()
command -v taskset >/dev/null 2>&1 && pin=(taskset -c 0)

# Wall time and CPU time (user + system) of one run; the machine may be shared, so CPU time is
# the figure to compare with the target, wall time the one a user sees.
TIMEFORMAT='%R %U %S'
measure() {  # best of 3: prints "wall cpu"
  local bw="" bc=""
  for _ in 1 2 3; do
    local t w c
    t=$( { time "${pin[@]}" "$bin" tag "$1" -o /dev/null --quiet ; } 2>&1 >/dev/null | tail -1)
    w=$(echo "$t" | awk '{print $1}')
    c=$(echo "$t" | awk '{print $2 + $3}')
    if [ -z "$bc" ] || [ "$(echo "$c < $bc" | bc -l)" = 1 ]; then bc=$c; bw=$w; fi
  done
  echo "$bw $bc"
}

read -r full_wall full_cpu < <(measure "$input")
read -r one_wall one_cpu < <(measure "$one")
tag_cpu=$(echo "$full_cpu - $one_cpu" | bc -l)
printf 'tagging: 10000 utterances: CPU %.2f s (start-up %.2f s, tagging %.2f s), wall %.2f s, one core\n' \
  "$full_cpu" "$one_cpu" "$tag_cpu" "$full_wall"
printf '{"utterances": 10000, "cpu_seconds": %.3f, "startup_cpu_seconds": %.3f, "tagging_cpu_seconds": %.3f, "wall_seconds": %.3f}\n' \
  "$full_cpu" "$one_cpu" "$tag_cpu" "$full_wall" > "$out/tagging.json"
