#!/usr/bin/env bash
# Speed of `samtal tag`: 10 000 utterances on one core (target: under 1 s).
# Usage: scripts/bench/tagging.sh BIN SHARED   (BIN = release samtal binary, SHARED = ../shared)
#
# The input is generated deterministically from utterances-sv/dev.jsonl: utterance i is the text
# of item (i mod 160) followed by the first sentence of item (7i + 3 mod 160), so the texts vary
# and are realistic in length and vocabulary (mean ≈ 30 words). Reports the wall time of tagging
# 10 000 utterances, of the same command on 1 utterance (start-up: loading the word lists, the
# codebook, the gazetteer and the models), and their difference (the tagging itself).
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
        b = items[(7 * i + 3) % n]["text"].split(". ")[0].rstrip(".") + "."
        f.write(json.dumps({"id": f"b{i:05d}", "text": a + " " + b}, ensure_ascii=False) + "\n")
PY
head -n 1 "$input" > "$one"

# One core: pin to CPU 0 when taskset exists.
pin=()
command -v taskset >/dev/null 2>&1 && pin=(taskset -c 0)

best() {  # best of 3 wall times in seconds
  local b=""
  for _ in 1 2 3; do
    local s e t
    s=$(date +%s.%N)
    "${pin[@]}" "$bin" tag "$1" -o /dev/null --quiet
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}

full=$(best "$input")
startup=$(best "$one")
tagging=$(echo "$full - $startup" | bc -l)
printf 'tagging: 10000 utterances %.3f s wall (start-up %.3f s, tagging %.3f s) on one core\n' \
  "$full" "$startup" "$tagging"
printf '{"utterances": 10000, "wall_seconds": %.4f, "startup_seconds": %.4f, "tagging_seconds": %.4f}\n' \
  "$full" "$startup" "$tagging" > "$out/tagging.json"
