#!/usr/bin/env bash
# Diarization speed: 10 min and 1 h of simulated table talk (the LibriSpeech mixes of
# scripts/make-table-mixes.py, concatenated with sox), samtal with the DSP and the neural
# embedding, and the peer (`peers diarize`: Resemblyzer + spectral clustering). Prints wall
# seconds, peak memory, real-time factor and the ratio to the peer.
# Usage: scripts/bench/diarize.sh BIN SHARED      (from the repository root; `make bench` does this)
set -euo pipefail
BIN="$1"; SHARED="$2"
OUT="${DIAR_BENCH_OUT:-out/bench-diarize}"
PEERS="$SHARED/tools/peers/peers"
PY="${PEERS_HOME:-$HOME/.cache/samtal-peers}/venv/bin/python"
mkdir -p "$OUT/mixes"
if [[ ! -x "$PY" ]]; then echo "bench/diarize: needs the peers venv ($PEERS install --with-resemblyzer)" >&2; exit 0; fi
"$PY" scripts/make-table-mixes.py "$SHARED" "$OUT/mixes" --seeds 1-8 2>/dev/null
parts=(); for s in 1 2 3 4 5 6 7 8; do parts+=("$OUT/mixes/mix-$s.wav"); done
[[ -f "$OUT/10min.wav" ]] || sox "${parts[@]:0:3}" "${parts[@]:0:1}" "$OUT/10min.wav" trim 0 600
if [[ ! -f "$OUT/60min.wav" ]]; then
  all=(); for _ in 1 2 3; do all+=("${parts[@]}"); done
  sox "${all[@]}" "$OUT/60min.wav" trim 0 3600
fi
measure() { # label cmd... -> "label wall_s rss_mb cpu_s"
  local label="$1"; shift
  /usr/bin/time -f "%e %M %U %S" -o "$OUT/time.txt" "$@" > /dev/null 2>&1
  read -r wall rss user sys < "$OUT/time.txt"
  echo "$label $wall $((rss / 1024)) $(echo "$user + $sys" | bc)"
}
echo "| audio | system | wall s | CPU s | peak RSS MB | RTF (wall) | × peer wall | × peer CPU |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for f in 10min 60min; do
  dur=$(soxi -D "$OUT/$f.wav")
  read -r _ pw pm pc < <(measure peer "$PEERS" diarize "$OUT/$f.wav")
  for sys in dsp neural; do
    read -r _ w m c < <(measure "$sys" "$BIN" diarize "$OUT/$f.wav" --embedding "$sys" -q)
    echo "| $f | samtal $sys | $w | $c | $m | $(echo "scale=4; $w / $dur" | bc) | $(echo "scale=3; $w / $pw" | bc) | $(echo "scale=3; $c / $pc" | bc) |"
  done
  echo "| $f | peer | $pw | $pc | $pm | $(echo "scale=4; $pw / $dur" | bc) | 1 | 1 |"
done
echo
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end (shared machine: timings vary)."
