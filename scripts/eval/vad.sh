#!/usr/bin/env bash
# Voice activity: frame-level P/R/F1 of samtal, webrtcvad (modes 0-3) and silero-vad on every
# labelled VAD file in shared/data/audio, all scored by `peers vad-score` (samtal's own Swift
# scorer is checked against it). Usage: scripts/eval/vad.sh BIN SHARED_DIR
# Writes out/eval/vad.md and out/eval/vad/*.lab; prints the table.
set -euo pipefail
bin=$(realpath "$1"); shared=$(realpath "$2")
peers="$shared/tools/peers/peers"
out=out/eval/vad
mkdir -p "$out"
"$bin" eval vad --shared "$shared/data" --json --lab-dir "$out" --quiet > "$out/samtal.json"
python3 - "$out/samtal.json" > "$out/files.tsv" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["files"]:
    print("\t".join([r["name"], r["audio"], r["labels"], "%.6f" % r["end"], "%.6f" % (r["f1"] or 0)]))
PY
tools="samtal webrtcvad0 webrtcvad1 webrtcvad2 webrtcvad3 silero"
: > "$out/scores.tsv"
while IFS=$'\t' read -r name audio labels end swiftf1; do
  stem=${name//\//_}
  for m in 0 1 2 3; do
    "$peers" vad "$shared/data/$audio" --tool webrtcvad --mode $m > "$out/$stem.webrtcvad$m.lab" 2>/dev/null
  done
  "$peers" vad "$shared/data/$audio" --tool silero > "$out/$stem.silero.lab" 2>/dev/null
  cp "$out/$stem.lab" "$out/$stem.samtal.lab"
  for t in $tools; do
    "$peers" vad-score "$shared/data/$labels" "$out/$stem.$t.lab" --start 0 --end "$end" \
      > "$out/$stem.$t.score.json"
    printf '%s\t%s\t%s\t%s\n' "$name" "$t" "$out/$stem.$t.score.json" "$swiftf1" >> "$out/scores.tsv"
  done
done < "$out/files.tsv"
python3 - "$out/scores.tsv" "$tools" > out/eval/vad.md <<'PY'
import json, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
tools = sys.argv[2].split()
files = []
f1 = {}
full = {}
for name, tool, path, swiftf1 in rows:
    d = json.load(open(path))
    if name not in files:
        files.append(name)
    f1[name, tool] = d["f1"] or 0.0
    full[name, tool] = d
    if tool == "samtal" and abs(f1[name, tool] - float(swiftf1)) > 5e-4:
        print("vad eval: samtal's scorer (F1 %s) disagrees with peers vad-score (%.4f) on %s"
              % (swiftf1, f1[name, tool], name), file=sys.stderr)
        sys.exit(1)
print("Frame-level F1 (10 ms frames, `peers vad-score`), samtal at its default settings:\n")
print("| file | " + " | ".join(tools) + " |")
print("|---|" + "---:|" * len(tools))
for n in files:
    best_webrtc = max(f1[n, t] for t in tools if t.startswith("webrtc"))
    cells = []
    for t in tools:
        v = "%.3f" % f1[n, t]
        cells.append("**%s**" % v if f1[n, t] == max(f1[n, x] for x in tools) else v)
    print("| %s | %s |" % (n, " | ".join(cells)))
means = {t: sum(f1[n, t] for n in files) / len(files) for t in tools}
print("| **mean** | " + " | ".join("%.3f" % means[t] for t in tools) + " |")
print("\nsamtal in detail:\n")
print("| file | precision | recall | F1 | miss rate | false-alarm rate |")
print("|---|---:|---:|---:|---:|---:|")
fmt = lambda x: "–" if x is None else "%.3f" % x
for n in files:
    d = full[n, "samtal"]
    print("| %s | %s | %s | %s | %s | %s |" % (n, fmt(d["precision"]), fmt(d["recall"]),
          fmt(d["f1"]), fmt(d["miss_rate"]), fmt(d["false_alarm_rate"])))
ok_webrtc = all(f1[n, "samtal"] >= max(f1[n, t] for t in tools if t.startswith("webrtc")) for n in files)
print("\nTargets: F1 >= webrtcvad's best mode on every file: %s; mean F1 >= silero-vad's: %s (%.3f vs %.3f)."
      % ("met" if ok_webrtc else "NOT met", "met" if means["samtal"] >= means["silero"] else "NOT met",
         means["samtal"], means["silero"]))
PY
cat out/eval/vad.md
