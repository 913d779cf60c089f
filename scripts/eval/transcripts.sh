#!/usr/bin/env bash
# Alignment accuracy on pyannote's sample: speakers assigned from the reference turns
# (sample.rttm) to several transcripts of the same conversation, scored against the reference
# transcript sample.stm (speaker of the STM segment holding each word's or cue's midpoint), after
# mapping each cluster to the reference name it mostly covers.
# Usage: scripts/eval/transcripts.sh BIN SHARED. Report in out/eval/transcripts.txt.
set -euo pipefail
bin="$1"; shared="$2"
out=out/eval/transcripts; mkdir -p "$out"
sample="$shared/data/audio/pyannote-sample"
syn="$shared/data/transcripts/synthetic"
# The reference transcript with its speakers removed, as a plain cue list.
awk '{ $3 = "?"; print }' "$sample/sample.stm" > "$out/stripped.stm"
"$bin" import "$out/stripped.stm" --from stm --json -o "$out/stripped.json"
python3 - "$out/stripped.json" > "$out/stripped.clean.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for u in d["utterances"]:
    u.pop("speaker", None)
print(json.dumps(d))
PY
{
  echo "transcripts eval ($(date -u +%Y-%m-%dT%H:%MZ)): alignment with pyannote's reference turns"
  for t in "$out/stripped.clean.json" "$syn/openai-whisper/sample.words.json" "$syn/whisperx/sample.json" \
           "$syn/whisper.cpp/sample.wav.ojf.json" "$syn/faster-whisper/sample.segments_asdict.json" \
           "$syn/teams/teams_transcript.vtt"; do
    "$bin" align --transcript "$t" --turns "$sample/sample.rttm" --no-merge --keep-cluster-names \
        --format json -o "$out/aligned.json" --quiet 2>/dev/null
    python3 - "$out/aligned.json" "$sample/sample.stm" "$(basename "$t")" <<'PY'
import json, sys, collections
aligned = json.load(open(sys.argv[1]))
ref = []
for line in open(sys.argv[2], encoding="utf-8"):
    f = line.split(maxsplit=5)
    ref.append((float(f[3]), float(f[4]), f[2]))
def ref_speaker(t):
    for s, e, sp in ref:
        if s <= t <= e:
            return sp
    return None
pairs = []
unit = "words"
for u in aligned["utterances"]:
    words = [w for w in (u.get("words") or []) if "start" in w and "end" in w]
    if not words:
        unit = "cues"
        if "start" in u and "end" in u:
            pairs.append((u.get("speaker"), ref_speaker((u["start"] + u["end"]) / 2)))
        continue
    for w in words:
        pairs.append((w.get("speaker"), ref_speaker((w["start"] + w["end"]) / 2)))
pairs = [(c, r) for c, r in pairs if r is not None]
votes = collections.defaultdict(collections.Counter)
for c, r in pairs:
    votes[c][r] += 1
mapping = {c: v.most_common(1)[0][0] for c, v in votes.items()}
agree = sum(1 for c, r in pairs if mapping.get(c) == r)
print("%-45s %4d/%-4d %s with the reference speaker (%.1f %%)" % (sys.argv[3], agree, len(pairs), unit,
      100.0 * agree / max(1, len(pairs))))
PY
  done
} | tee "$out/../transcripts.txt"
