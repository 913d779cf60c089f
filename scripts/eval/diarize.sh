#!/usr/bin/env bash
# Diarization evaluation: DER per file at collar 0 and ±0.25 s (pyannote --collar 0.5) for samtal
# (neural and DSP embeddings) and the peer (Resemblyzer + spectral clustering), on
#   1. the sample event (samples/event/table-*/recording.flac + reference.rttm),
#   2. the RTTM-labelled real files in SHARED/data/audio,
#   3. simulated table mixes from LibriSpeech test-other (seeds 1-8; made into out/eval-diarize).
# Also checks that `samtal score` agrees with pyannote.metrics (`peers score`) on every output.
# Usage: scripts/eval/diarize.sh BIN SHARED      (from the repository root; `make eval` does this)
set -euo pipefail
BIN="$1"; SHARED="$2"
OUT="${DIAR_EVAL_OUT:-out/eval-diarize}"
PEERS="$SHARED/tools/peers/peers"
PY="${PEERS_HOME:-$HOME/.cache/samtal-peers}/venv/bin/python"
mkdir -p "$OUT/mixes" "$OUT/neural" "$OUT/dsp" "$OUT/peer"

# 1-3: the file list, "set<TAB>audio<TAB>reference".
list="$OUT/files.tsv"; : > "$list"
for d in samples/event/table-*; do
  [[ -f "$d/recording.flac" && -f "$d/reference.rttm" ]] && printf 'event\t%s\t%s\n' "$d/recording.flac" "$d/reference.rttm" >> "$list"
done
A="$SHARED/data/audio"
for f in pyannote-sample/sample picovoice/falcon_test pyaudioanalysis/diarizationExample; do
  printf 'real\t%s\t%s\n' "$A/$f.wav" "$A/$f.rttm" >> "$list"
done
if [[ -x "$PY" ]]; then
  "$PY" scripts/make-table-mixes.py "$SHARED" "$OUT/mixes" --seeds 1-8
  for s in 1 2 3 4 5 6 7 8; do printf 'sim\t%s\t%s\n' "$OUT/mixes/mix-$s.wav" "$OUT/mixes/mix-$s.rttm" >> "$list"; done
else
  echo "eval/diarize: no peers venv at $PY; skipping the simulated mixes (run \`$PEERS install --with-resemblyzer\`)" >&2
fi

# Runs every system on every file; hypotheses take the reference's file id.
declare -A secs
while IFS=$'\t' read -r set audio ref; do
  id=$(awk '$1=="SPEAKER"{print $2; exit}' "$ref")
  for sys in neural dsp; do
    [[ "${DIAR_EVAL_REUSE:-0}" == 1 && -s "$OUT/$sys/$id.rttm" ]] && continue
    t0=$(date +%s.%N)
    "$BIN" diarize "$audio" --embedding "$sys" -q > "$OUT/$sys/$id.rttm.tmp"
    t1=$(date +%s.%N)
    awk -v id="$id" '$1=="SPEAKER"{$2=id} {print}' "$OUT/$sys/$id.rttm.tmp" > "$OUT/$sys/$id.rttm"; rm "$OUT/$sys/$id.rttm.tmp"
    secs[$sys/$id]=$(echo "$t1 - $t0" | bc)
  done
  if [[ ! -s "$OUT/peer/$id.rttm" ]]; then
    "$PEERS" diarize "$audio" 2>/dev/null | awk -v id="$id" '$1=="SPEAKER"{$2=id} {print}' > "$OUT/peer/$id.rttm.tmp"
    mv "$OUT/peer/$id.rttm.tmp" "$OUT/peer/$id.rttm"
  fi
done < "$list"

total_der() { python3 -c 'import json,sys; print("%.6f" % json.load(sys.stdin)["total"]["der"])'; }
der() { # sys id ref collar -> DER in percent, one decimal
  "$BIN" score --reference "$3" --hypothesis "$OUT/$1/$2.rttm" --collar "$4" --json | total_der \
    | awk '{printf "%.1f", 100*$1}'
}
spk() { awk '$1=="SPEAKER"{print $8}' "$1" | sort -u | wc -l; }

echo "## Diarization DER (%) — collar 0 / ±0.25 s (pyannote --collar 0.5); speakers found/reference"
echo
echo "| set | file | ref spk | samtal neural | samtal dsp | peer (Resemblyzer+spectral) |"
echo "|---|---|---:|---:|---:|---:|"
declare -A sum n
maxdiff=0
while IFS=$'\t' read -r set audio ref; do
  id=$(awk '$1=="SPEAKER"{print $2; exit}' "$ref")
  row="| $set | $id | $(spk "$ref") |"
  for sys in neural dsp peer; do
    d0=$(der $sys "$id" "$ref" 0); d5=$(der $sys "$id" "$ref" 0.5)
    row="$row $d0 / $d5 ($(spk "$OUT/$sys/$id.rttm")) |"
    sum[$set/$sys]=$(echo "${sum[$set/$sys]:-0} + $d0" | bc); sum[$set/$sys/c]=$(echo "${sum[$set/$sys/c]:-0} + $d5" | bc)
    # scorer agreement with pyannote.metrics on this output
    theirs=$("$PEERS" score "$ref" "$OUT/$sys/$id.rttm" 2>/dev/null | total_der)
    ours=$("$BIN" score --reference "$ref" --hypothesis "$OUT/$sys/$id.rttm" --json | total_der)
    maxdiff=$(python3 -c "print(max($maxdiff, abs($theirs - $ours)))")
  done
  n[$set]=$(( ${n[$set]:-0} + 1 ))
  echo "$row"
done < "$list"
for set in event real sim; do
  [[ -n "${n[$set]:-}" ]] || continue
  row="| **$set mean** | ${n[$set]} files | |"
  for sys in neural dsp peer; do
    row="$row **$(echo "scale=1; ${sum[$set/$sys]} / ${n[$set]}" | bc) / $(echo "scale=1; ${sum[$set/$sys/c]} / ${n[$set]}" | bc)** |"
  done
  echo "$row"
done
echo
echo "samtal score vs pyannote.metrics (peers score), largest |ΔDER| over all outputs at collar 0: $maxdiff"
echo
echo "Wall seconds per file (samtal, this run): $(for k in "${!secs[@]}"; do printf '%s=%s ' "$k" "${secs[$k]}"; done | tr ' ' '\n' | sort | tr '\n' ' ')"
